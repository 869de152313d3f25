import { monotonicClock, TokenBucket, type MillisecondClock, type TokenBucketRate } from './token-bucket';

/** Answer of {@link KeyedTokenBuckets.tryTake}. */
export type KeyedTake = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * One token bucket per key (a client address, a username), e.g. for login attempts. The map is
 * bounded: when it is full, buckets that have refilled completely are dropped first, then the
 * oldest, so a flood of distinct keys cannot grow memory without limit.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rate: TokenBucketRate,
    private readonly maxKeys = 10_000,
    private readonly clock: MillisecondClock = monotonicClock,
  ) {
    if (!Number.isInteger(maxKeys) || maxKeys < 1)
      throw new RangeError(`KeyedTokenBuckets maxKeys must be a positive integer (got ${maxKeys})`);
  }

  /** Takes one token from `key`'s bucket, creating a full one for a new key. */
  tryTake(key: string): KeyedTake {
    const bucket = this.bucketFor(key);
    if (bucket.tryTake()) return { allowed: true };
    return { allowed: false, retryAfterMs: bucket.millisecondsUntil() };
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.buckets.size;
  }

  private bucketFor(key: string): TokenBucket {
    const existing = this.buckets.get(key);
    if (existing) return existing;
    if (this.buckets.size >= this.maxKeys) this.evict();
    const bucket = new TokenBucket(this.rate, this.clock);
    this.buckets.set(key, bucket);
    return bucket;
  }

  private evict(): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.isFull) this.buckets.delete(key);
    }
    // Every remembered key is still throttled: forget the oldest one rather than grow.
    if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}
