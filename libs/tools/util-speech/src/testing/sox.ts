/** Test-only helpers that make reference audio with the real `sox` and `flite` binaries. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fails with an install hint when sox or flite is missing, instead of skipping the specs. */
export function requireSoxAndFlite(): void {
  for (const tool of ['sox', 'flite']) {
    // `flite --version` exits with 1, so only a failure to start the binary counts as missing.
    const probe = spawnSync(tool, ['--version'], { stdio: 'ignore' });
    if (probe.error) {
      throw new Error(`These specs need \`${tool}\` (apt-get update && apt-get install -y sox flite): ${probe.error.message}`);
    }
  }
}

/** Runs `work` with a fresh temporary directory and removes it afterwards. */
export async function withTemporaryDirectory<T>(work: (directory: string) => Promise<T> | T): Promise<T> {
  const directory = mkdtempSync(join(tmpdir(), 'tnt-util-speech-'));
  try {
    return await work(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Runs sox without dither (`-D`), so the output is exactly reproducible. */
export function runSox(args: readonly string[]): void {
  execFileSync('sox', ['-D', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Speaks `text` with a flite voice into a WAV file at `path` (the voice's own rate, 16-bit mono). */
export function speakToWav(text: string, path: string, voice = 'slt'): void {
  execFileSync('flite', ['-voice', voice, '-t', text, '-o', path], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Has sox decode any audio file to headerless interleaved signed 16-bit samples. */
export function soxSamples(path: string): Int16Array {
  return rawSoxOutput(path, ['-t', 's16', '-e', 'signed-integer', '-b', '16', '-L'], (bytes) => {
    const samples = new Int16Array(bytes.length >> 1);
    for (let index = 0; index < samples.length; index++) samples[index] = bytes.readInt16LE(index * 2);
    return samples;
  });
}

/** Has sox copy a μ-law file's bytes out of their container. */
export function soxMulawBytes(path: string): Uint8Array {
  return rawSoxOutput(path, ['-t', 'ul'], (bytes) => new Uint8Array(bytes));
}

function rawSoxOutput<T>(path: string, format: readonly string[], convert: (bytes: Buffer) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'tnt-util-speech-raw-'));
  try {
    const output = join(directory, 'output.raw');
    runSox([path, ...format, output]);
    return convert(readFileSync(output));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** What `soxi` reports about a file's sample rate and channel count. */
export function soxiFormat(path: string): { sampleRate: number; channels: number } {
  const sampleRate = Number(execFileSync('soxi', ['-r', path]).toString().trim());
  const channels = Number(execFileSync('soxi', ['-c', path]).toString().trim());
  return { sampleRate, channels };
}
