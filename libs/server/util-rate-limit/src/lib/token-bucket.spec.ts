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

  it('reads the monotonic clock by default, so a wall-clock jump neither refills nor drains it', () => {
    let monotonicNow = 1_000;
    const monotonic = jest.spyOn(performance, 'now').mockImplementation(() => monotonicNow);
    const wallClock = jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2026, 0, 1));
    try {
      const bucket = new TokenBucket({ perSecond: 50, burst: 1 });
      expect(bucket.tryTake()).toBe(true);
      wallClock.mockReturnValue(Date.UTC(2026, 0, 2));
      expect(bucket.tryTake()).toBe(false);
      monotonicNow += 20;
      expect(bucket.tryTake()).toBe(true);
    } finally {
      monotonic.mockRestore();
      wallClock.mockRestore();
    }
  });

  it.each([
    [{ perSecond: 0, burst: 1 }, /perSecond must be a finite number above 0 \(got 0\)/],
    [{ perSecond: 1, burst: 0.5 }, /burst must be a finite number of at least 1 \(got 0.5\)/],
    [{ perSecond: Number.POSITIVE_INFINITY, burst: 1 }, /perSecond/],
  ])('rejects the invalid rate %j with an exact message', (rate, message) => {
    expect(() => new TokenBucket(rate)).toThrow(message);
  });
});
