import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** flite voices recorded at 16 kHz. */
export type FliteVoice = 'slt' | 'rms' | 'awb' | 'kal16';

/** Speaks `text` with flite and returns it as 16 kHz mono 16-bit PCM; `directory` holds the temp files. */
export async function synthesizeSpeech(text: string, voice: FliteVoice, directory: string): Promise<Int16Array> {
  const wav = join(directory, `${randomUUID()}.wav`);
  await run('flite', ['-voice', voice, '-t', text, '-o', wav]);
  return convertToPcm16k(wav, directory);
}

/**
 * Sends 16 kHz speech through a telephone line's format: sox to 8 kHz μ-law and back to linear
 * PCM, then up to 16 kHz with `upsampler` (sox's band-limited resampler, or {@link upsampleLinear}).
 */
export async function telephoneRoundTrip(pcm: Int16Array, upsampler: 'sox' | 'linear', directory: string): Promise<Int16Array> {
  const wideband = join(directory, `${randomUUID()}.raw`);
  const muLaw = join(directory, `${randomUUID()}.wav`);
  await writePcm(wideband, pcm);
  // -R: sox dithers when it reduces precision; repeatable mode makes the dither the same every run.
  await run('sox', ['-R', ...RAW_16K, wideband, '-e', 'mu-law', '-r', '8000', muLaw]);
  if (upsampler === 'sox') return convertToPcm16k(muLaw, directory);
  const narrowband = join(directory, `${randomUUID()}.raw`);
  await run('sox', ['-R', muLaw, '-e', 'signed-integer', '-b', '16', '-t', 'raw', narrowband]);
  return upsampleLinear(await readPcm(narrowband));
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

/** Joins PCM pieces into one array. */
export function concatenatePcm(...parts: Int16Array[]): Int16Array {
  const output = new Int16Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}

const RAW_16K = ['-t', 'raw', '-r', '16000', '-e', 'signed-integer', '-b', '16', '-c', '1'];

async function convertToPcm16k(input: string, directory: string): Promise<Int16Array> {
  const output = join(directory, `${randomUUID()}.raw`);
  await run('sox', ['-R', input, '-r', '16000', '-c', '1', '-e', 'signed-integer', '-b', '16', '-t', 'raw', output]);
  return readPcm(output);
}

async function readPcm(path: string): Promise<Int16Array> {
  const bytes = await readFile(path);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

async function writePcm(path: string, pcm: Int16Array): Promise<void> {
  await writeFile(path, new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength));
}
