import { ReconnectBackoff } from './reconnect-backoff';

describe('ReconnectBackoff', () => {
  it('waits 1 s, 2 s, 4 s, then 4 s again when jitter draws nothing', () => {
    const backoff = new ReconnectBackoff([1000, 2000, 4000], 0.25, () => 0);
    expect([1, 2, 3, 4, 5].map(() => backoff.nextDelayMs())).toEqual([1000, 2000, 4000, 4000, 4000]);
    expect(backoff.attempts).toBe(5);
  });

  it('takes up to the jitter share off each wait, never adding to it', () => {
    const draws = [0.999, 0.5, 0];
    const backoff = new ReconnectBackoff([1000, 2000, 4000], 0.25, () => draws.shift() ?? 0);
    expect([backoff.nextDelayMs(), backoff.nextDelayMs(), backoff.nextDelayMs()]).toEqual([750, 1750, 4000]);
  });

  it('spreads the waits of many clients over the jitter range', () => {
    const waits = Array.from({ length: 200 }, () => new ReconnectBackoff([4000], 0.25, Math.random).nextDelayMs());
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(3000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(4000);
    expect(new Set(waits).size).toBeGreaterThan(50);
  });

  it('starts from the first step again after a reset', () => {
    const backoff = new ReconnectBackoff([1000, 2000, 4000], 0, Math.random);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.nextDelayMs()).toBe(1000);
  });

  it('refuses settings that cannot work, naming the problem', () => {
    expect(() => new ReconnectBackoff([], 0, Math.random)).toThrow('ReconnectBackoff needs at least one step');
    expect(() => new ReconnectBackoff([1000], 1.5, Math.random)).toThrow('jitterRatio must be within 0..1 (got 1.5)');
  });
});
