import { AudioClock } from './audio-clock';

describe('AudioClock', () => {
  it('finds the write that carried an audio offset', () => {
    let now = 1_000;
    const clock = new AudioClock(16000, () => now);
    clock.advance(1600);
    now = 1_100;
    clock.advance(1600);
    // The first write carried 0-100 ms of audio, the second 100-200 ms.
    expect(clock.wallTimeOf(50)).toBe(1_000);
    expect(clock.wallTimeOf(100)).toBe(1_000);
    expect(clock.wallTimeOf(150)).toBe(1_100);
    // Audio not yet heard is placed at the latest write.
    expect(clock.wallTimeOf(250)).toBe(1_100);
  });

  it('knows nothing before the first write and forgets the oldest audio', () => {
    let now = 0;
    const clock = new AudioClock(1000, () => now);
    expect(clock.wallTimeOf(0)).toBeUndefined();
    for (let write = 0; write < 3000; write++, now++) clock.advance(1);
    // Write n (at time n) carried the audio from n to n + 1 ms; the last 2048 writes are kept,
    // and the oldest of them (952) only marks where the next one's audio starts.
    expect(clock.wallTimeOf(10)).toBeUndefined();
    expect(clock.wallTimeOf(953)).toBeUndefined();
    expect(clock.wallTimeOf(954)).toBe(953);
    expect(clock.wallTimeOf(2999)).toBe(2998);
  });
});
