/**
 * Headerless signed 16-bit little-endian PCM, the form samples take to cross into and out of sox,
 * so specs compare against exactly what sox computed and need no WAV parser.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** sox arguments describing a headerless signed 16-bit little-endian file of `rate` Hz and `channels` channels. */
export function rawPcm16Args(rate: number, channels = 1): string[] {
  return ['-t', 's16', '-e', 'signed-integer', '-b', '16', '-L', '-r', String(rate), '-c', String(channels)];
}

/** Samples decoded from signed 16-bit little-endian bytes (an odd last byte is ignored). */
export function samplesFromBytes(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(bytes.byteLength >> 1);
  for (let index = 0; index < samples.length; index++) samples[index] = view.getInt16(index * 2, true);
  return samples;
}

/** Samples encoded as signed 16-bit little-endian bytes. */
export function bytesFromSamples(samples: Int16Array): Buffer {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let index = 0; index < samples.length; index++) bytes.writeInt16LE(samples[index], index * 2);
  return bytes;
}

/** Reads a headerless signed 16-bit little-endian file into samples. */
export function readRawPcm16(path: string): Int16Array {
  return samplesFromBytes(readFileSync(path));
}

/** Writes samples as a headerless signed 16-bit little-endian file. */
export function writeRawPcm16(path: string, samples: Int16Array): void {
  writeFileSync(path, bytesFromSamples(samples));
}

/** Joins sample arrays into one, in order. */
export function concatSamples(parts: readonly Int16Array[]): Int16Array {
  const joined = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
