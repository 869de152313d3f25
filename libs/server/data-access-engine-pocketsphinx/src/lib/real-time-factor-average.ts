/**
 * The real-time factor of recent decoding (seconds of work per second of audio), averaged with
 * weights that fade by audio decoded rather than by wall time: the last `spanAudioSeconds` of
 * audio weigh most, however many streams shared it out.
 */
export class RealTimeFactorAverage {
  private work = 0;
  private audio = 0;

  constructor(private readonly spanAudioSeconds: number) {
    if (!(spanAudioSeconds > 0)) throw new RangeError(`spanAudioSeconds must be positive, got ${spanAudioSeconds}`);
  }

  /** Adds `workSeconds` spent decoding `audioSeconds` of audio. */
  record(audioSeconds: number, workSeconds: number): void {
    if (audioSeconds <= 0) return;
    const kept = Math.exp(-audioSeconds / this.spanAudioSeconds);
    this.work = this.work * kept + workSeconds;
    this.audio = this.audio * kept + audioSeconds;
  }

  /** The average, or `null` before any audio was recorded. */
  get value(): number | null {
    return this.audio > 0 ? this.work / this.audio : null;
  }
}
