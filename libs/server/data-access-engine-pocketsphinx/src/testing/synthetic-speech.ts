import { fromTelephoneMulaw, toTelephoneMulaw, type SoxOptions } from '@tnt/shared/util-testing';

/** sox dithers when it reduces precision (to μ-law here); repeatable mode makes that dither the same every run. */
const REPEATABLE_DITHER: SoxOptions = { dither: 'repeatable' };

/**
 * Sends 16 kHz speech through a telephone line's format: sox to 8 kHz μ-law and back to linear
 * PCM, then up to 16 kHz with `upsampler` (sox's band-limited resampler, or {@link upsampleLinear}).
 */
export async function telephoneRoundTrip(pcm: Int16Array, upsampler: 'sox' | 'linear'): Promise<Int16Array> {
  const mulaw = await toTelephoneMulaw(pcm, 16000, REPEATABLE_DITHER);
  if (upsampler === 'sox') return fromTelephoneMulaw(mulaw, 16000, REPEATABLE_DITHER);
  return upsampleLinear(await fromTelephoneMulaw(mulaw, 8000, REPEATABLE_DITHER));
}

/** Doubles the sample rate by inserting the mean of each pair of neighbours (linear interpolation). */
export function upsampleLinear(pcm: Int16Array): Int16Array {
  const output = new Int16Array(pcm.length * 2);
  for (let index = 0; index < pcm.length; index++) {
    const next = index + 1 < pcm.length ? pcm[index + 1] : pcm[index];
    output[2 * index] = pcm[index];
    output[2 * index + 1] = Math.round((pcm[index] + next) / 2);
  }
  return output;
}

/**
 * A quiet line: uniform noise of ±`amplitude` (30 is about -66 dBFS RMS), deterministic for a given seed,
 * since real lines are never digitally silent and the decoder's voice detector is tuned for that.
 */
export function lineNoise(durationMs: number, amplitude = 30, seed = 1): Int16Array {
  const output = new Int16Array(Math.round(durationMs * 16));
  let state = seed >>> 0 || 1;
  for (let index = 0; index < output.length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    output[index] = Math.round(((state / 0xffffffff) * 2 - 1) * amplitude);
  }
  return output;
}

/** Adds `noise` (repeated as needed) to `pcm`, clamping to the 16-bit range. */
export function mixNoise(pcm: Int16Array, noise: Int16Array): Int16Array {
  return pcm.map((sample, index) => Math.max(-32768, Math.min(32767, sample + noise[index % noise.length])));
}
