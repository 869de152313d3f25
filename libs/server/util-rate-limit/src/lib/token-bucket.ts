/** A clock in milliseconds; monotonic in production, settable in tests. */
export type MillisecondClock = () => number;

/** The default clock: monotonic, so wall-clock jumps neither refill nor drain a bucket. */
export const monotonicClock: MillisecondClock = () => performance.now();

/** Rate of a {@link TokenBucket}. */
export interface TokenBucketRate {
  /** Tokens added per second (the sustained rate). */
  readonly perSecond: number;
  /** Most tokens held at once (the largest burst); a new bucket starts full. */
  readonly burst: number;
}

/**
 * The classic token bucket: `burst` tokens at most, refilled continuously at `perSecond`.
 * Refill is computed lazily from the clock on every call, so an idle bucket costs nothing.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: TokenBucketRate,
    private readonly clock: MillisecondClock = monotonicClock,
  ) {
    if (!(rate.perSecond > 0) || !Number.isFinite(rate.perSecond)) {
      throw new RangeError(`TokenBucket perSecond must be a finite number above 0 (got ${rate.perSecond})`);
    }
    if (!(rate.burst >= 1) || !Number.isFinite(rate.burst)) {
      throw new RangeError(`TokenBucket burst must be a finite number of at least 1 (got ${rate.burst})`);
    }
    this.tokens = rate.burst;
    this.updatedAt = clock();
  }

  /** Takes `count` tokens when available and returns true; otherwise takes nothing and returns false. */
  tryTake(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Milliseconds until `count` tokens will be available (0 when they are now). */
  millisecondsUntil(count = 1): number {
    this.refill();
    const missing = count - this.tokens;
    return missing <= 0 ? 0 : (missing / this.rate.perSecond) * 1000;
  }

  /** True when the bucket is full, i.e. it remembers nothing worth keeping. */
  get isFull(): boolean {
    this.refill();
    return this.tokens >= this.rate.burst;
  }

  private refill(): void {
    const now = this.clock();
    const elapsed = now - this.updatedAt;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.rate.burst, this.tokens + (elapsed / 1000) * this.rate.perSecond);
    this.updatedAt = now;
  }
}
