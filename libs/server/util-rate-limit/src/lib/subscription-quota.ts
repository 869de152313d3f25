import type { TntError } from '@tnt/protocol';
import { tooManySubscriptions } from './limit-errors';

/**
 * The subscriptions one connection holds, capped at `limit`. `'*'` counts as one like any call
 * id; subscribing again to something already held is free (it replaces, it does not add).
 */
export class SubscriptionQuota {
  private readonly held = new Set<string>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`SubscriptionQuota limit must be a positive integer (got ${limit})`);
  }

  /** Records `callId` and returns undefined, or returns the error when the limit is reached. */
  admit(callId: string): TntError | undefined {
    if (this.held.has(callId)) return undefined;
    if (this.held.size >= this.limit) return tooManySubscriptions(this.limit);
    this.held.add(callId);
    return undefined;
  }

  /** Forgets `callId` (after an unsubscribe). */
  release(callId: string): void {
    this.held.delete(callId);
  }

  /** Subscriptions held now. */
  get size(): number {
    return this.held.size;
  }
}
