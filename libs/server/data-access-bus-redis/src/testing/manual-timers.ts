import type { BusTimers } from '../lib/bus-options';

/** Timers that fire only when a test says so: `runDue(ms)` advances a virtual clock. */
export class ManualTimers implements BusTimers {
  private nowMs = 0;
  private nextHandle = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.pending.set(handle, { at: this.nowMs + ms, callback });
    return handle;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** How many timers wait to fire. */
  get size(): number {
    return this.pending.size;
  }

  /** Advances the virtual clock by `ms` and runs every timer due by then, oldest first. */
  advance(ms: number): void {
    this.nowMs += ms;
    const due = [...this.pending.entries()].filter(([, timer]) => timer.at <= this.nowMs).sort(([, a], [, b]) => a.at - b.at);
    for (const [handle, timer] of due) {
      this.pending.delete(handle);
      timer.callback();
    }
  }
}
