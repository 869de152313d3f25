/**
 * Waits between reconnect attempts: the steps in order (1 s, 2 s, 4 s by default), the last step
 * repeating, each shortened by a random share of up to `jitterRatio` so that many dashboards
 * cut off together do not all return in the same instant ("equal jitter" in the AWS
 * Architecture Blog's "Exponential Backoff And Jitter", bounded so the steps stay the maximum).
 */
export class ReconnectBackoff {
  private failures = 0;

  constructor(
    private readonly stepsMs: readonly number[],
    private readonly jitterRatio: number,
    private readonly random: () => number,
  ) {
    if (stepsMs.length === 0) throw new Error('ReconnectBackoff needs at least one step');
    if (jitterRatio < 0 || jitterRatio > 1) throw new Error(`jitterRatio must be within 0..1 (got ${jitterRatio})`);
  }

  /** Attempts made since the last reset. */
  get attempts(): number {
    return this.failures;
  }

  /** The wait before the next attempt; counts that attempt. */
  nextDelayMs(): number {
    const step = this.stepsMs[Math.min(this.failures, this.stepsMs.length - 1)];
    this.failures++;
    return Math.round(step * (1 - this.jitterRatio * this.random()));
  }

  /** Starts again from the first step (after a connection proved stable, or a manual retry). */
  reset(): void {
    this.failures = 0;
  }
}
