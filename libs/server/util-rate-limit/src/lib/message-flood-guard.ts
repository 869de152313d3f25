import type { TntError } from '@tnt/protocol';
import { rateLimited } from './limit-errors';
import { monotonicClock, TokenBucket, type MillisecondClock } from './token-bucket';

/** Limits of a {@link MessageFloodGuard}. */
export interface MessageFloodLimits {
  /** Sustained messages per second a connection may send. */
  readonly messagesPerSecond: number;
  /** Messages a connection may send at once above the sustained rate. */
  readonly burst: number;
  /** Rejected messages in a row after which the connection is closed (default 5 × burst). */
  readonly closeAfterRejected?: number;
}

/** What to do with one incoming message. */
export type FloodDecision =
  /** Handle the message. */
  | { readonly kind: 'accept' }
  /** Drop the message; send `error` only when `notify` (at most one notice per second, so a flood is not answered by a flood). */
  | { readonly kind: 'reject'; readonly error: TntError; readonly notify: boolean }
  /** Drop the message, send `error` and close the connection with its `closeCode` (1008). */
  | { readonly kind: 'close'; readonly error: TntError };

const ACCEPT: FloodDecision = { kind: 'accept' };
const NOTICE_INTERVAL_MS = 1000;

/**
 * Per-connection message rate limit: a token bucket, a throttled `RATE_LIMITED` notice, and a
 * close (1008) for a peer that keeps sending after it was told. Create one per connection.
 */
export class MessageFloodGuard {
  private readonly bucket: TokenBucket;
  private readonly closeAfterRejected: number;
  private rejectedInARow = 0;
  private lastNoticeAt = Number.NEGATIVE_INFINITY;

  constructor(
    limits: MessageFloodLimits,
    private readonly clock: MillisecondClock = monotonicClock,
  ) {
    this.bucket = new TokenBucket({ perSecond: limits.messagesPerSecond, burst: limits.burst }, clock);
    this.closeAfterRejected = limits.closeAfterRejected ?? limits.burst * 5;
  }

  /** Decides about one message that just arrived. */
  admit(): FloodDecision {
    if (this.bucket.tryTake()) {
      this.rejectedInARow = 0;
      return ACCEPT;
    }
    this.rejectedInARow++;
    const retryAfterMs = this.bucket.millisecondsUntil();
    if (this.rejectedInARow > this.closeAfterRejected) return { kind: 'close', error: rateLimited(retryAfterMs, true) };
    const now = this.clock();
    const notify = now - this.lastNoticeAt >= NOTICE_INTERVAL_MS;
    if (notify) this.lastNoticeAt = now;
    return { kind: 'reject', error: rateLimited(retryAfterMs), notify };
  }
}
