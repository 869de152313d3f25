/** The time and the timer {@link paceFrames} runs on. */
export interface PacingClock {
  /** Current time in ms (monotonic). */
  now(): number;
  /** Calls `callback` once, `delayMs` from now. */
  setTimeout(callback: () => void, delayMs: number): void;
}

/** The real clock: `performance.now()` and Node's timers. */
export const realPacingClock: PacingClock = {
  now: () => performance.now(),
  setTimeout: (callback, delayMs) => {
    setTimeout(callback, delayMs);
  },
};

/**
 * Calls `send(index)` for `frameCount` frames of `frameMs` each at `speed` × real time, catching
 * up after timer lateness instead of drifting, so long calls stay on the audio clock.
 *
 * @param clock the time and timer to pace by; tests step their own
 */
export function paceFrames(
  frameCount: number,
  frameMs: number,
  speed: number,
  send: (index: number) => void,
  clock: PacingClock = realPacingClock,
): Promise<void> {
  const startedAt = clock.now();
  let next = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        const due = Math.min(frameCount, Math.floor(((clock.now() - startedAt) * speed) / frameMs) + 1);
        while (next < due) send(next++);
        if (next >= frameCount) return resolve();
        const nextDueAt = startedAt + (next * frameMs) / speed;
        clock.setTimeout(tick, Math.max(0, nextDueAt - clock.now()));
      } catch (error) {
        reject(error);
      }
    };
    tick();
  });
}
