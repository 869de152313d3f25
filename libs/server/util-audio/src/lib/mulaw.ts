/**
 * G.711 μ-law (telephony, 8 bits per sample) to and from 16-bit linear PCM.
 * Decoding is one table lookup per byte because it runs for every sample of every call.
 */

const SIGN_BIT = 0x80;
const SEGMENT_MASK = 0x70;
const SEGMENT_SHIFT = 4;
const MANTISSA_MASK = 0x0f;
/** Added before segment search so every segment's mantissa starts at an exact power of two. */
const ENCODER_BIAS_14_BIT = 0x21;
const LARGEST_MAGNITUDE_14_BIT = 8159;
const SEGMENT_UPPER_BOUNDS_14_BIT = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff];

function decodeMulawByte(encoded: number): number {
  // Bytes are stored inverted on the wire so that silence is not a long run of zero bits.
  const inverted = ~encoded & 0xff;
  const magnitude = ((((inverted & MANTISSA_MASK) << 3) + 0x84) << ((inverted & SEGMENT_MASK) >> SEGMENT_SHIFT)) - 0x84;
  return inverted & SIGN_BIT ? -magnitude : magnitude;
}

/** The 16-bit linear value of every μ-law byte, indexed by the byte (ITU-T G.711). */
export const MULAW_TO_LINEAR: Readonly<Int16Array> = (() => {
  const table = new Int16Array(256);
  for (let byte = 0; byte < 256; byte++) table[byte] = decodeMulawByte(byte);
  return table;
})();

/**
 * Decodes μ-law bytes to 16-bit linear PCM, one sample per byte.
 * @param encoded μ-law bytes of any length (every byte is a whole sample, so nothing carries over).
 * @param output optional array to write into; must hold at least `encoded.length` samples.
 * @returns the samples (`output` itself when given, trimmed to `encoded.length` by a subarray).
 */
export function decodeMulaw(encoded: Uint8Array, output?: Int16Array): Int16Array {
  const length = encoded.length;
  if (output && output.length < length) {
    throw new RangeError(`decodeMulaw: output holds ${output.length} samples, ${length} needed`);
  }
  const samples = output ? output.subarray(0, length) : new Int16Array(length);
  const table = MULAW_TO_LINEAR;
  for (let index = 0; index < length; index++) samples[index] = table[encoded[index]];
  return samples;
}

function encode14BitSample(sample14: number): number {
  let magnitude = sample14;
  let mask = 0xff;
  if (magnitude < 0) {
    magnitude = -magnitude;
    mask = 0x7f;
  }
  if (magnitude > LARGEST_MAGNITUDE_14_BIT) magnitude = LARGEST_MAGNITUDE_14_BIT;
  magnitude += ENCODER_BIAS_14_BIT;
  let segment = 0;
  while (segment < 8 && magnitude > SEGMENT_UPPER_BOUNDS_14_BIT[segment]) segment++;
  // Clipped magnitudes land past the last segment and take the largest code of their sign.
  if (segment === 8) return (0x7f ^ mask) & 0xff;
  return (((segment << SEGMENT_SHIFT) | ((magnitude >> (segment + 1)) & MANTISSA_MASK)) ^ mask) & 0xff;
}

/**
 * μ-law byte for every 14-bit value (index = value + 8192). G.711 μ-law is defined on 14 bits;
 * 16-bit input is rounded to 14 bits first, the same way sox does, so our bytes equal sox's.
 */
const LINEAR_14_BIT_TO_MULAW: Uint8Array = (() => {
  const table = new Uint8Array(16384);
  for (let value = -8192; value < 8192; value++) table[value + 8192] = encode14BitSample(value);
  return table;
})();

/** Encodes one 16-bit linear sample to a μ-law byte. */
export function encodeMulawSample(sample: number): number {
  let rounded = (sample + 2) >> 2;
  if (rounded > 8191) rounded = 8191;
  return LINEAR_14_BIT_TO_MULAW[rounded + 8192];
}

/**
 * Encodes 16-bit linear PCM to μ-law, one byte per sample (used by tests and the call simulator).
 * @returns a new array of `samples.length` bytes.
 */
export function encodeMulaw(samples: Int16Array): Uint8Array {
  const encoded = new Uint8Array(samples.length);
  for (let index = 0; index < samples.length; index++) encoded[index] = encodeMulawSample(samples[index]);
  return encoded;
}
