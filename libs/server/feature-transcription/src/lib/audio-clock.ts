/** Checkpoints kept per speaker; at 50 writes a second this covers the last ~40 s of audio. */
const CHECKPOINTS = 2048;

/**
 * When each stretch of a speaker's audio reached the gateway, so the latency of a final segment
 * can be measured from the moment the audio of its last word arrived.
 */
export class AudioClock {
  private readonly audioMs = new Float64Array(CHECKPOINTS);
  private readonly wallMs = new Float64Array(CHECKPOINTS);
  private count = 0;
  private samples = 0;

  /**
   * @param sampleRate samples per second of the speaker's audio
   * @param now reads the time in ms; `performance.now()` in production, tests step their own
   */
  constructor(
    private readonly sampleRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records that `sampleCount` more samples arrived now. */
  advance(sampleCount: number): void {
    this.samples += sampleCount;
    const slot = this.count % CHECKPOINTS;
    this.audioMs[slot] = (this.samples * 1000) / this.sampleRate;
    this.wallMs[slot] = this.now();
    this.count++;
  }

  /** The clock's time at the write that brought audio offset `offsetMs`, if still remembered. */
  wallTimeOf(offsetMs: number): number | undefined {
    if (this.count === 0) return undefined;
    // Until the ring wraps, every write since offset 0 is known; after, the oldest kept write's
    // own start is lost, so only offsets past its end can be placed.
    const wrapped = this.count > CHECKPOINTS;
    const oldest = wrapped ? this.count - CHECKPOINTS + 1 : 0;
    if (wrapped && offsetMs <= this.audioMs[(oldest - 1) % CHECKPOINTS]) return undefined;
    let low = oldest;
    let high = this.count - 1;
    if (this.audioMs[high % CHECKPOINTS] < offsetMs) return this.wallMs[high % CHECKPOINTS];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.audioMs[middle % CHECKPOINTS] >= offsetMs) high = middle;
      else low = middle + 1;
    }
    return this.wallMs[low % CHECKPOINTS];
  }
}
