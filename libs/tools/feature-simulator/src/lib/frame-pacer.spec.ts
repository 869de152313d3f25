import { paceFrames, type PacingClock } from './frame-pacer';

/** A clock that moves only when the test fires its one pending timer. */
class SteppedClock implements PacingClock {
  private time = 0;
  private pending: { readonly at: number; readonly callback: () => void } | undefined;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): void {
    if (this.pending) throw new Error('paceFrames armed a second timer while one was pending');
    this.pending = { at: this.time + delayMs, callback };
  }

  /** Moves the clock to the pending timer's time plus `lateMs` and fires it; false when none is pending. */
  fire(lateMs = 0): boolean {
    const pending = this.pending;
    if (!pending) return false;
    this.pending = undefined;
    this.time = pending.at + lateMs;
    pending.callback();
    return true;
  }
}

describe('paceFrames', () => {
  it('sends every frame once, in order, each at its time on the sped-up clock', async () => {
    const clock = new SteppedClock();
    const sent: { index: number; at: number }[] = [];
    const paced = paceFrames(10, 20, 2, (index) => sent.push({ index, at: clock.now() }), clock);
    while (clock.fire());
    await paced;

    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((index) => ({ index, at: index * 10 })));
  });

  it('catches up after a late timer instead of drifting behind the audio', async () => {
    const clock = new SteppedClock();
    const sent: { index: number; at: number }[] = [];
    const paced = paceFrames(6, 20, 1, (index) => sent.push({ index, at: clock.now() }), clock);
    // The timer for frame 1 (due at 20) fires at 65: frames 1-3 are all due by then.
    clock.fire(45);
    while (clock.fire());
    await paced;

    expect(sent).toEqual([
      { index: 0, at: 0 },
      { index: 1, at: 65 },
      { index: 2, at: 65 },
      { index: 3, at: 65 },
      { index: 4, at: 80 },
      { index: 5, at: 100 },
    ]);
  });

  it('stops and rejects when sending fails', async () => {
    const clock = new SteppedClock();
    const paced = paceFrames(
      5,
      1,
      1,
      (index) => {
        if (index === 2) throw new Error('socket closed');
      },
      clock,
    );
    while (clock.fire());

    await expect(paced).rejects.toThrow('socket closed');
    expect(clock.fire()).toBe(false);
  });

  it('paces on the real clock by default', async () => {
    const sent: number[] = [];
    await paceFrames(3, 1, 1, (index) => sent.push(index));
    expect(sent).toEqual([0, 1, 2]);
  });
});
