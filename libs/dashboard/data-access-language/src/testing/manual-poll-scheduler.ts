import type { PollScheduler } from '../lib/poll-scheduler';

/** A {@link PollScheduler} whose tasks run when the test says so: `runDue()` runs every task waiting now. */
export class ManualPollScheduler implements PollScheduler {
  private tasks: { delayMs: number; task: () => void }[] = [];

  after(delayMs: number, task: () => void): () => void {
    const entry = { delayMs, task };
    this.tasks.push(entry);
    return () => {
      this.tasks = this.tasks.filter((waiting) => waiting !== entry);
    };
  }

  /** The delays of the tasks waiting (not run, not cancelled). */
  waiting(): number[] {
    return this.tasks.map((entry) => entry.delayMs);
  }

  /** Runs the tasks waiting now (tasks they schedule wait for the next call). */
  runDue(): void {
    const due = this.tasks;
    this.tasks = [];
    for (const entry of due) entry.task();
  }
}
