import type { TntError } from '@tnt/protocol';
import { tooManyConnections } from './limit-errors';

/** One counter a new connection counts against, e.g. `{ key: 'user:ana', limit: 20, scope: 'user' }`. */
export interface ConnectionQuota {
  /** The counter's key; keys of different scopes must not collide (prefix them). */
  readonly key: string;
  /** Most connections the key may hold at once. */
  readonly limit: number;
  /** What the key is, for the refusal message (`user`, `address`). */
  readonly scope: string;
}

/** A held place in every counter of one connection; release it exactly when the connection ends. */
export interface ConnectionLease {
  /** Gives the places back; later calls do nothing. */
  release(): void;
}

/** Answer of {@link ConnectionLimiter.tryAcquire}. */
export type ConnectionAdmission =
  { readonly admitted: true; readonly lease: ConnectionLease } | { readonly admitted: false; readonly error: TntError };

/**
 * Counts open connections per key (per user, per client address) and refuses one that would
 * exceed a limit. A connection counts against several keys at once, all or none.
 */
export class ConnectionLimiter {
  private readonly counts = new Map<string, number>();

  /** Takes a place in every quota, or none when any is full. */
  tryAcquire(quotas: readonly ConnectionQuota[]): ConnectionAdmission {
    for (const quota of quotas) {
      if (this.count(quota.key) >= quota.limit) return { admitted: false, error: tooManyConnections(quota.scope, quota.limit) };
    }
    for (const quota of quotas) this.counts.set(quota.key, this.count(quota.key) + 1);
    let released = false;
    return {
      admitted: true,
      lease: {
        release: () => {
          if (released) return;
          released = true;
          for (const quota of quotas) this.decrement(quota.key);
        },
      },
    };
  }

  /** Connections `key` holds now. */
  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  /** How many keys hold at least one connection (idle keys are forgotten). */
  get activeKeys(): number {
    return this.counts.size;
  }

  private decrement(key: string): void {
    const next = this.count(key) - 1;
    if (next <= 0) this.counts.delete(key);
    else this.counts.set(key, next);
  }
}
