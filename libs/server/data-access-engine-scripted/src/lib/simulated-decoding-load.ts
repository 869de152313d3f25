import type { EngineLoad } from '@tnt/server/util-engine';

/**
 * SIMULATION of what decoding would cost, for tests and load tools that need an engine at capacity
 * without burning CPU: every second of audio written to a stream costs `realTimeFactor` seconds of
 * work on one simulated decoding thread. The thread's time advances with the audio (one second of
 * audio from every open stream gives it one second), never with the wall clock, so the same audio
 * always gives the same figures. Nothing is decoded: the scripted engine's text does not wait for
 * this backlog.
 */
export class SimulatedDecodingLoad {
  private openStreams = 0;
  private backlogSeconds = 0;

  /** @param realTimeFactor simulated work per second of audio of one stream; 0 costs nothing. */
  constructor(private readonly realTimeFactor: number) {
    if (!Number.isFinite(realTimeFactor) || realTimeFactor < 0) {
      throw new RangeError(`the simulated real-time factor must be a number >= 0, got ${realTimeFactor}`);
    }
  }

  /** A stream was opened. */
  streamOpened(): void {
    this.openStreams++;
  }

  /** A stream ended. */
  streamClosed(): void {
    this.openStreams = Math.max(0, this.openStreams - 1);
    if (this.openStreams === 0) this.backlogSeconds = 0;
  }

  /** One stream was given `audioSeconds` of audio: work piles up, and the thread gets its share of that audio time. */
  audioWritten(audioSeconds: number): void {
    if (this.openStreams === 0) return;
    const work = audioSeconds * this.realTimeFactor;
    const threadTime = audioSeconds / this.openStreams;
    this.backlogSeconds = Math.max(0, this.backlogSeconds + work - threadTime);
  }

  /** The simulated figures, in the form every engine reports. */
  measure(): EngineLoad {
    return { backlogSeconds: this.backlogSeconds, realTimeFactor: this.realTimeFactor, openStreams: this.openStreams, parallelism: 1 };
  }
}
