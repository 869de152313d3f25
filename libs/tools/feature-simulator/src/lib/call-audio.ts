/** One simulated call's audio, the way the simulator streams it. */
export interface CallAudio {
  readonly sampleRate: number;
  /** 16-bit mono tracks of equal length. */
  readonly caller: Int16Array;
  readonly agent: Int16Array;
}
