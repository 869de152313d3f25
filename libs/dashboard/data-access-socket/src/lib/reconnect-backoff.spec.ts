import { ReconnectBackoff, reconnectDelayMs, type ReconnectSchedule } from './reconnect-backoff';

const ADR_002: ReconnectSchedule = { stepsMs: [1000, 2000, 4000], jitterRatio: 0.25, maxDelayMs: 30_000 };
const always = (draw: number) => () => draw;

describe('reconnectDelayMs', () => {
  it('waits 1 s, 2 s, 4 s for the first attempts when jitter draws nothing', () => {
    expect([0, 1, 2].map((failures) => reconnectDelayMs(failures, ADR_002, always(0)))).toEqual([1000, 2000, 4000]);
  });

  it('takes up to the jitter share off each of the first waits, never adding to it', () => {
    expect([0, 1, 2].map((failures) => reconnectDelayMs(failures, ADR_002, always(0.999)))).toEqual([750, 1501, 3001]);
  });

  it('after the steps, lets the longest possible wait double up to the cap and stay there for ever', () => {
    const longest = [3, 4, 5, 6, 50, 10_000].map((failures) => reconnectDelayMs(failures, ADR_002, always(1)));
    expect(longest).toEqual([8000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('draws each capped wait from the whole range above the first step (full jitter)', () => {
    expect(reconnectDelayMs(40, ADR_002, always(0))).toBe(1000);
    expect(reconnectDelayMs(40, ADR_002, always(0.5))).toBe(15_500);
    const waits = Array.from({ length: 500 }, () => reconnectDelayMs(40, ADR_002, Math.random));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
    // Spread over the range, not bunched at its top as the first steps' jitter would be.
    expect(waits.filter((wait) => wait < 10_000).length).toBeGreaterThan(50);
    expect(waits.filter((wait) => wait > 20_000).length).toBeGreaterThan(50);
  });
});

describe('ReconnectBackoff', () => {
  it('counts attempts and hands out the schedule in order', () => {
    const backoff = new ReconnectBackoff(ADR_002, always(0));
    expect([1, 2, 3, 4, 5].map(() => backoff.nextDelayMs())).toEqual([1000, 2000, 4000, 1000, 1000]);
    expect(backoff.attempts).toBe(5);
  });

  it('starts from the first step again after a reset', () => {
    const backoff = new ReconnectBackoff({ ...ADR_002, jitterRatio: 0 }, Math.random);
    backoff.nextDelayMs();
    backoff.nextDelayMs();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.nextDelayMs()).toBe(1000);
  });

  it('refuses settings that cannot work, naming the problem', () => {
    expect(() => new ReconnectBackoff({ ...ADR_002, stepsMs: [] }, Math.random)).toThrow('the reconnect schedule needs at least one step');
    expect(() => new ReconnectBackoff({ ...ADR_002, jitterRatio: 1.5 }, Math.random)).toThrow('jitterRatio must be within 0..1 (got 1.5)');
    expect(() => new ReconnectBackoff({ ...ADR_002, maxDelayMs: 3000 }, Math.random)).toThrow(
      'maxDelayMs must be at least the longest step, 4000 ms (got 3000)',
    );
    expect(() => new ReconnectBackoff({ ...ADR_002, stepsMs: [1000, 0] }, Math.random)).toThrow(
      'reconnect steps must be positive (got 1000, 0)',
    );
  });
});
