/**
 * Test-only helpers that produce reference audio with the real `sox` and `flite` binaries.
 * Samples cross the process boundary as headerless signed 16-bit little-endian files, so the
 * specs compare against exactly what sox computed and need no WAV parser.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT = 'install them with: apt-get update && apt-get install -y sox flite';

/** Fails with an install hint when sox or flite is missing, instead of skipping the specs. */
export function requireSoxAndFlite(): void {
  for (const tool of ['sox', 'flite']) {
    // `flite --version` exits with 1, so only a failure to start the binary counts as missing.
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error) {
      throw new Error(`The audio specs need the \`${tool}\` binary (${INSTALL_HINT}): ${probe.error.message}`);
    }
  }
}

/** Runs `work` with a fresh temporary directory and removes the directory afterwards. */
export function withTemporaryDirectory<T>(work: (directory: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'tnt-util-audio-'));
  try {
    return work(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs sox with the given arguments; `-D` is added first because dither would add random noise. */
export function runSox(args: readonly string[]): void {
  execFileSync('sox', ['-D', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** sox arguments describing a headerless signed 16-bit file of `rate` Hz and `channels` channels. */
export function rawPcm16Args(rate: number, channels = 1): string[] {
  return ['-t', 's16', '-e', 'signed-integer', '-b', '16', '-L', '-r', String(rate), '-c', String(channels)];
}

/** Reads a headerless signed 16-bit little-endian file into samples. */
export function readRawPcm16(path: string): Int16Array {
  const bytes = readFileSync(path);
  const samples = new Int16Array(bytes.length >> 1);
  for (let index = 0; index < samples.length; index++) samples[index] = bytes.readInt16LE(index * 2);
  return samples;
}

/** Writes samples as a headerless signed 16-bit little-endian file. */
export function writeRawPcm16(path: string, samples: Int16Array): void {
  const bytes = Buffer.alloc(samples.length * 2);
  for (let index = 0; index < samples.length; index++) bytes.writeInt16LE(samples[index], index * 2);
  writeFileSync(path, bytes);
}

/**
 * Speaks `text` with flite's 16 kHz `slt` voice and returns it resampled by sox to `rate` Hz
 * (sox's default high-quality band-limited `rate` effect), as mono 16-bit samples.
 */
export function fliteSpeech(text: string, rate: number): Int16Array {
  return withTemporaryDirectory((directory) => {
    const spoken = join(directory, 'spoken.wav');
    const converted = join(directory, 'converted.raw');
    execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', spoken], { stdio: ['ignore', 'ignore', 'pipe'] });
    runSox([spoken, ...rawPcm16Args(rate), converted, 'rate', String(rate)]);
    return readRawPcm16(converted);
  });
}

/** Resamples mono 16-bit samples with sox's default `rate` effect, the reference for our resamplers. */
export function soxResample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  return withTemporaryDirectory((directory) => {
    const input = join(directory, 'input.raw');
    const output = join(directory, 'output.raw');
    writeRawPcm16(input, samples);
    runSox([...rawPcm16Args(fromRate), input, ...rawPcm16Args(toRate), output, 'rate', String(toRate)]);
    return readRawPcm16(output);
  });
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

/** Splits `samples` into consecutive chunks of `chunkSize` samples (the last one may be shorter). */
export function chunkSamples(samples: Int16Array, chunkSize: number): Int16Array[] {
  const chunks: Int16Array[] = [];
  for (let start = 0; start < samples.length; start += chunkSize) chunks.push(samples.subarray(start, start + chunkSize));
  return chunks;
}

/** Concatenates sample arrays into one. */
export function concatSamples(parts: readonly Int16Array[]): Int16Array {
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  const joined = new Int16Array(total);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}
