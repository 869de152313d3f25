import { signal } from '@angular/core';

/**
 * The one reconnect attempt waiting to start, if any, and when it starts (epoch ms, for the
 * banner's countdown). Scheduling a new one replaces the one waiting.
 */
export class ScheduledAttempt {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly startsAtSignal = signal<number | null>(null);
  /** When the waiting attempt starts, or `null` while none waits. */
  readonly startsAt = this.startsAtSignal.asReadonly();

  /** @param now the clock `startsAt` is read from */
  constructor(private readonly now: () => number) {}

  /** True while an attempt waits. */
  get waiting(): boolean {
    return this.timer !== undefined;
  }

  /** Runs `attempt` after `delayMs`, instead of any attempt waiting. */
  schedule(delayMs: number, attempt: () => void): void {
    this.cancel();
    this.startsAtSignal.set(this.now() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.startsAtSignal.set(null);
      attempt();
    }, delayMs);
  }

  /** Drops the waiting attempt, if any. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.startsAtSignal.set(null);
  }
}
