import { retryDelayMs } from './retry-backoff';

const backoff = { baseMs: 1000, maxMs: 60_000 };

describe('retry back-off', () => {
  it('doubles the step after each failed attempt, from half of it (random 0) to all of it (random near 1)', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, backoff, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, backoff, () => 0.999_999))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('spreads retries of one attempt number over the upper half of the step', () => {
    expect(retryDelayMs(3, backoff, () => 0.5)).toBe(3000);
  });

  it('never waits more than the cap, however many attempts failed', () => {
    expect(retryDelayMs(7, backoff, () => 0.999_999)).toBe(60_000);
    expect(retryDelayMs(500, backoff, () => 0.999_999)).toBe(60_000);
    expect(retryDelayMs(500, backoff, () => 0)).toBe(30_000);
  });
});
