/** How long to wait between reconnect attempts; see {@link reconnectDelayMs}. */
export interface ReconnectSchedule {
  /** The first waits, in order (ADR-002: 1 s, 2 s, 4 s). */
  readonly stepsMs: readonly number[];
  /** Up to this share of each of the first waits is taken off at random, in 0..1. */
  readonly jitterRatio: number;
  /** No wait after the first steps is longer than this (the cap of the full-jitter phase). */
  readonly maxDelayMs: number;
}

/** The schedule's settings, checked: fails fast with the exact problem. */
export function checkedSchedule(schedule: ReconnectSchedule): ReconnectSchedule {
  const { stepsMs, jitterRatio, maxDelayMs } = schedule;
  if (stepsMs.length === 0) throw new Error('the reconnect schedule needs at least one step');
  if (stepsMs.some((step) => !(step > 0))) throw new Error(`reconnect steps must be positive (got ${stepsMs.join(', ')})`);
  if (!(jitterRatio >= 0 && jitterRatio <= 1)) throw new Error(`jitterRatio must be within 0..1 (got ${jitterRatio})`);
  const longestStep = Math.max(...stepsMs);
  if (!(maxDelayMs >= longestStep)) throw new Error(`maxDelayMs must be at least the longest step, ${longestStep} ms (got ${maxDelayMs})`);
  return schedule;
}

/**
 * The wait before reconnect attempt number `failures + 1`, after `failures` failed attempts in a row.
 * A pure function: the randomness comes in as `random`, a draw in [0, 1).
 *
 * - The first waits are the schedule's steps (1 s, 2 s, 4 s), each shortened by up to `jitterRatio`,
 *   so a briefly interrupted dashboard comes back quickly, as ADR-002 promises.
 * - After them it never gives up: the ceiling keeps doubling from the last step up to `maxDelayMs`,
 *   and each wait is drawn uniformly below that ceiling ("full jitter", from Marc Brooker's
 *   "Exponential Backoff And Jitter", AWS Architecture Blog, 2015:
 *   https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). Hundreds of
 *   wallboards cut off by one gateway upgrade then return spread over the whole interval instead of
 *   in waves. The draw never goes below the first step, so no attempt follows a failure at once.
 */
export function reconnectDelayMs(failures: number, schedule: ReconnectSchedule, random: () => number): number {
  const { stepsMs, jitterRatio, maxDelayMs } = schedule;
  if (failures < stepsMs.length) return Math.round(stepsMs[failures] * (1 - jitterRatio * random()));
  const doublings = failures - stepsMs.length + 1;
  // 2 ** 31 is far past any cap; limiting the exponent keeps the arithmetic finite for endless outages.
  const ceiling = Math.min(maxDelayMs, stepsMs[stepsMs.length - 1] * 2 ** Math.min(doublings, 31));
  const floor = Math.min(stepsMs[0], ceiling);
  return Math.round(floor + (ceiling - floor) * random());
}

/**
 * Counts failed attempts in a row and hands out the next wait from {@link reconnectDelayMs}.
 * The counter is the only state; a connection that proved stable (or a person's retry) resets it.
 */
export class ReconnectBackoff {
  private failures = 0;
  private readonly schedule: ReconnectSchedule;

  constructor(
    schedule: ReconnectSchedule,
    private readonly random: () => number,
  ) {
    this.schedule = checkedSchedule(schedule);
  }

  /** Attempts made since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** The wait before the next attempt; counts that attempt. */
  nextDelayMs(): number {
    return reconnectDelayMs(this.failures++, this.schedule, this.random);
  }

  /** Starts again from the first step (after a connection proved stable, or a manual retry). */
  reset(): void {
    this.failures = 0;
  }
}
