import { TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a full burst at once and refuses the next token', () => {
    const now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => now);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('refills continuously at the sustained rate and never above the burst', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 10, burst: 3 }, () => now);
    for (let taken = 0; taken < 3; taken++) bucket.tryTake();
    now = 99;
    expect(bucket.tryTake()).toBe(false);
    now = 100;
    expect(bucket.tryTake()).toBe(true);
    now = 60_000;
    expect(bucket.isFull).toBe(true);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });

  it('says how long until the next token is available', () => {
    let now = 0;
    const bucket = new TokenBucket({ perSecond: 4, burst: 1 }, () => now);
    expect(bucket.millisecondsUntil()).toBe(0);
    bucket.tryTake();
    expect(bucket.millisecondsUntil()).toBeCloseTo(250);
    now = 200;
    expect(bucket.millisecondsUntil()).toBeCloseTo(50);
  });

  it('admits about the configured rate on the real monotonic clock', async () => {
    const bucket = new TokenBucket({ perSecond: 50, burst: 1 });
    let admitted = 0;
    const started = performance.now();
    while (performance.now() - started < 400) {
      if (bucket.tryTake()) admitted++;
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // 1 initial token + 50/s over 0.4 s = 21; timer jitter only ever lowers the count.
    expect(admitted).toBeGreaterThanOrEqual(15);
    expect(admitted).toBeLessThanOrEqual(22);
  });

  it.each([
    [{ perSecond: 0, burst: 1 }, /perSecond must be a finite number above 0 \(got 0\)/],
    [{ perSecond: 1, burst: 0.5 }, /burst must be a finite number of at least 1 \(got 0.5\)/],
    [{ perSecond: Number.POSITIVE_INFINITY, burst: 1 }, /perSecond/],
  ])('rejects the invalid rate %j with an exact message', (rate, message) => {
    expect(() => new TokenBucket(rate)).toThrow(message);
  });
});
