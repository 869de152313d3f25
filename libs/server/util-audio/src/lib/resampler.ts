import { AudioError, AudioErrorCode } from './audio-error';

/** How a {@link Resampler} computes samples between the input samples. */
export type ResampleMethod = 'passthrough' | 'linear' | 'sinc';

/**
 * A streaming sample-rate converter for mono 16-bit audio. It keeps state between chunks, so the
 * concatenated output is the same however the input was cut. Output sample `k` lies at input
 * time `k * fromRate / toRate`, with no delay; a stream of N input samples yields
 * `ceil(N * toRate / fromRate)` output samples once flushed.
 */
export interface Resampler {
  /** Sample rate of the input, in Hz. */
  readonly fromRate: number;
  /** Sample rate of the output, in Hz. */
  readonly toRate: number;
  /** The interpolation in use. */
  readonly method: ResampleMethod;
  /**
   * Converts the next chunk. Returns the output samples whose inputs have all arrived (a few may
   * wait for the next chunk); the array is new, except that passthrough returns `input` itself.
   */
  process(input: Int16Array): Int16Array;
  /** Emits the samples still held back, treating the stream as ended, and resets for a new stream. */
  flush(): Int16Array;
}

/** Greatest common divisor of two positive integers. */
export function greatestCommonDivisor(first: number, second: number): number {
  let a = first;
  let b = second;
  while (b !== 0) {
    const remainder = a % b;
    a = b;
    b = remainder;
  }
  return a;
}

/** Rounds to the nearest integer and clamps to the signed 16-bit range. */
export function toInt16(value: number): number {
  const rounded = Math.round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

/**
 * Fails fast on rates no resampler can use.
 * @throws AudioError `AUDIO_ERR_UNSUPPORTED_RATE` unless both rates are positive integers.
 */
export function assertSampleRates(fromRate: number, toRate: number): void {
  for (const rate of [fromRate, toRate]) {
    if (!Number.isInteger(rate) || rate <= 0) {
      throw new AudioError(AudioErrorCode.UnsupportedRate, `Sample rates must be positive integers in Hz, got ${rate}`);
    }
  }
}
