/** Reference audio processing by the real `sox`, the yardstick our own decoders and resamplers are measured against. */
import { join } from 'node:path';
import { runTool, runToolAsync } from './audio-tools';
import { rawPcm16Args, readRawPcm16, samplesFromBytes, writeRawPcm16 } from './raw-pcm';
import { withTemporaryDirectory } from './temporary-directory';

/** How sox treats dither when it reduces precision (e.g. 16-bit linear to 8-bit μ-law). */
export interface SoxOptions {
  /**
   * `'none'` (default, `-D`): no dither, so output depends only on input.
   * `'repeatable'` (`-R`): dither as sox would by default, but with the same noise on every run.
   */
  readonly dither?: 'none' | 'repeatable';
}

function soxArgs(args: readonly string[], options: SoxOptions): string[] {
  return [options.dither === 'repeatable' ? '-R' : '-D', ...args];
}

/** Runs sox with `args` (dither off unless `options` say otherwise) and returns its stdout. */
export function runSox(args: readonly string[], options: SoxOptions = {}, input?: Uint8Array): Buffer {
  return runTool('sox', soxArgs(args, options), input);
}

/** {@link runSox} without blocking the event loop, for callers that run while other work goes on. */
export function runSoxAsync(args: readonly string[], options: SoxOptions = {}, input?: Uint8Array): Promise<Buffer> {
  return runToolAsync('sox', soxArgs(args, options), input);
}

/** Resamples mono 16-bit samples with sox's default (band-limited, high quality) `rate` effect. */
export function soxResample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  return withTemporaryDirectory((directory) => {
    const input = join(directory, 'input.raw');
    const output = join(directory, 'output.raw');
    writeRawPcm16(input, samples);
    runSox([...rawPcm16Args(fromRate), input, ...rawPcm16Args(toRate), output, 'rate', String(toRate)]);
    return readRawPcm16(output);
  });
}

/** Has sox decode any audio file to interleaved signed 16-bit samples at the file's own rate. */
export function soxSamples(path: string): Int16Array {
  return samplesFromBytes(runSox([path, '-t', 's16', '-e', 'signed-integer', '-b', '16', '-L', '-']));
}

/** Has sox copy a μ-law file's bytes out of their container. */
export function soxMulawBytes(path: string): Uint8Array {
  return new Uint8Array(runSox([path, '-t', 'ul', '-']));
}

/** What `soxi` reports about a file's sample rate and channel count. */
export function soxiFormat(path: string): { sampleRate: number; channels: number } {
  const sampleRate = Number(runTool('soxi', ['-r', path]).toString().trim());
  const channels = Number(runTool('soxi', ['-c', path]).toString().trim());
  return { sampleRate, channels };
}

/**
 * Converts a 16-bit mono track to 8 kHz G.711 μ-law bytes the way a telephone network carries it
 * (sox's band-limited resampling, then μ-law encoding).
 */
export async function toTelephoneMulaw(samples: Int16Array, sampleRate: number, options: SoxOptions = {}): Promise<Buffer> {
  const pcm = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  return runSoxAsync(
    [...rawPcm16Args(sampleRate), '-', '-t', 'raw', '-e', 'mu-law', '-b', '8', '-c', '1', '-r', '8000', '-'],
    options,
    pcm,
  );
}

/** Decodes 8 kHz μ-law bytes to 16-bit mono samples at `sampleRate` (resampled by sox when it is not 8000). */
export async function fromTelephoneMulaw(mulaw: Uint8Array, sampleRate: number, options: SoxOptions = {}): Promise<Int16Array> {
  const input = ['-t', 'raw', '-e', 'mu-law', '-b', '8', '-c', '1', '-r', '8000', '-'];
  return samplesFromBytes(await runSoxAsync([...input, ...rawPcm16Args(sampleRate), '-'], options, mulaw));
}
