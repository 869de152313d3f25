import { AudioClock } from './audio-clock';

describe('AudioClock', () => {
  it('finds the write that carried an audio offset', async () => {
    const clock = new AudioClock(16000);
    clock.advance(1600);
    const secondWriteBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    clock.advance(1600);
    expect(clock.wallTimeOf(50)).toBeLessThan(secondWriteBefore);
    expect(clock.wallTimeOf(150)).toBeGreaterThan(secondWriteBefore);
  });

  it('knows nothing before the first write and forgets the oldest audio', () => {
    const clock = new AudioClock(1000);
    expect(clock.wallTimeOf(0)).toBeUndefined();
    for (let write = 0; write < 3000; write++) clock.advance(1);
    expect(clock.wallTimeOf(10)).toBeUndefined();
    expect(clock.wallTimeOf(2999)).toEqual(expect.any(Number));
  });
});
