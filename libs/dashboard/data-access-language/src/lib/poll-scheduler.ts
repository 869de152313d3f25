import { InjectionToken } from '@angular/core';

/** Runs a task later; the answer cancels it if it has not run yet. */
export interface PollScheduler {
  after(delayMs: number, task: () => void): () => void;
}

/** The browser's timers. */
export const TIMER_POLL_SCHEDULER: PollScheduler = {
  after(delayMs, task) {
    const timer = setTimeout(task, delayMs);
    return () => clearTimeout(timer);
  },
};

/** What the Language page waits with between two reads of the status during a build: the browser's timers unless provided. */
export const LANGUAGE_POLL_SCHEDULER = new InjectionToken<PollScheduler>('LANGUAGE_POLL_SCHEDULER', {
  providedIn: 'root',
  factory: () => TIMER_POLL_SCHEDULER,
});

/** How long the Language page waits between two reads of the status during a build (a build takes a minute or two). */
export const LANGUAGE_POLL_INTERVAL_MS = 2_000;
