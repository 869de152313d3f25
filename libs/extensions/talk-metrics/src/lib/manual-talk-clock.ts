import type { TalkClock, TalkTimer } from './talk-clock';

interface Pending {
  readonly dueAt: number;
  readonly callback: () => void;
}

/** A {@link TalkClock} that only moves when a test steps it; due timers run in order of their time. */
export class ManualTalkClock implements TalkClock {
  private readonly pending = new Set<Pending>();

  constructor(private current = Date.parse('2026-01-01T00:00:00.000Z')) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): TalkTimer {
    const timer: Pending = { dueAt: this.current + Math.max(0, delayMs), callback };
    this.pending.add(timer);
    return timer;
  }

  clearTimeout(timer: TalkTimer): void {
    this.pending.delete(timer as Pending);
  }

  /** Timers not yet run. */
  get pendingTimers(): number {
    return this.pending.size;
  }

  /** Moves the time `ms` on without running the timers that fall due: their callbacks are late, as on a busy event loop. */
  jump(ms: number): void {
    this.current += ms;
  }

  /**
   * Runs the timers that fall due within `ms` without moving the time: they run early, as Node's do
   * when the turn of the event loop that set them began before the clock was read.
   */
  runEarly(ms: number): void {
    const due = [...this.pending].filter((timer) => timer.dueAt <= this.current + ms).sort((left, right) => left.dueAt - right.dueAt);
    for (const timer of due) {
      this.pending.delete(timer);
      timer.callback();
    }
  }

  /** Moves the time `ms` on, running every timer that falls due on the way, at its own time. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const next = [...this.pending].filter((timer) => timer.dueAt <= until).sort((left, right) => left.dueAt - right.dueAt)[0];
      if (!next) break;
      this.pending.delete(next);
      this.current = next.dueAt;
      next.callback();
    }
    this.current = until;
  }
}
