/**
 * Calls `send(index)` for `frameCount` frames of `frameMs` each at `speed` × real time, catching
 * up after timer lateness instead of drifting, so long calls stay on the audio clock.
 */
export function paceFrames(frameCount: number, frameMs: number, speed: number, send: (index: number) => void): Promise<void> {
  const startedAt = performance.now();
  let next = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        const due = Math.min(frameCount, Math.floor(((performance.now() - startedAt) * speed) / frameMs) + 1);
        while (next < due) send(next++);
        if (next >= frameCount) return resolve();
        const nextDueAt = startedAt + (next * frameMs) / speed;
        setTimeout(tick, Math.max(0, nextDueAt - performance.now()));
      } catch (error) {
        reject(error);
      }
    };
    tick();
  });
}
