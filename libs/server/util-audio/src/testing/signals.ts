/** Test-only synthetic signals and measurements. */
import { concatSamples } from '@tnt/shared/util-testing';

/** A sine tone of `amplitude` at `frequency` Hz, `seconds` long, sampled at `rate` Hz. */
export function sineTone(frequency: number, rate: number, seconds: number, amplitude = 16000): Int16Array {
  return Int16Array.from({ length: Math.round(rate * seconds) }, (_, index) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * frequency * index) / rate)),
  );
}

/** Root mean square of `samples`, ignoring `edge` samples at each end (filter start-up and tail). */
export function rootMeanSquare(samples: Int16Array, edge = 0): number {
  let energy = 0;
  for (let index = edge; index < samples.length - edge; index++) energy += samples[index] * samples[index];
  return Math.sqrt(energy / (samples.length - 2 * edge));
}

/** Feeds `input` through `process` in chunks of `chunkSize`, then `flush`, and joins the output. */
export function runInChunks(
  resampler: { process(input: Int16Array): Int16Array; flush(): Int16Array },
  input: Int16Array,
  chunkSize: number,
): Int16Array {
  const parts: Int16Array[] = [];
  for (let start = 0; start < input.length; start += chunkSize) parts.push(resampler.process(input.subarray(start, start + chunkSize)));
  parts.push(resampler.flush());
  return concatSamples(parts);
}

/** True when both arrays hold the same samples. */
export function sameSamples(first: Int16Array, second: Int16Array): boolean {
  return first.length === second.length && first.every((sample, index) => sample === second[index]);
}

/** Signal-to-noise ratio in dB of `actual` against `reference` over their common length. */
export function signalToNoiseDb(reference: Int16Array, actual: Int16Array): number {
  const length = Math.min(reference.length, actual.length);
  let signalEnergy = 0;
  let noiseEnergy = 0;
  for (let index = 0; index < length; index++) {
    signalEnergy += reference[index] * reference[index];
    const difference = reference[index] - actual[index];
    noiseEnergy += difference * difference;
  }
  return 10 * Math.log10(signalEnergy / Math.max(noiseEnergy, 1e-9));
}

/** Splits `bytes` into consecutive chunks of `chunkSize` bytes (the last one may be shorter). */
export function chunkBytes(bytes: Uint8Array, chunkSize: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += chunkSize) chunks.push(bytes.subarray(start, start + chunkSize));
  return chunks;
}
