/** A timer the {@link TalkClock} set, to clear it. */
export type TalkTimer = unknown;

/** The time and the timers talk metrics run on: the real ones in the server, a stepped one in tests. */
export interface TalkClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): TalkTimer;
  clearTimeout(timer: TalkTimer): void;
}

/** `Date.now()` and Node's timers, which do not keep the process alive. */
export const REAL_TALK_CLOCK: TalkClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimeout: (timer) => clearTimeout(timer as NodeJS.Timeout),
};
