import { execFile } from 'node:child_process';

/** One simulated call's audio, the way the simulator streams it. */
export interface CallAudio {
  readonly sampleRate: number;
  /** 16-bit mono tracks of equal length. */
  readonly caller: Int16Array;
  readonly agent: Int16Array;
}

/**
 * Converts a 16-bit mono track to 8 kHz G.711 μ-law with `sox`, the way a telephone network
 * carries it (sox's band-limited resampling, then μ-law encoding).
 */
export function toTelephoneMulaw(samples: Int16Array, sampleRate: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'sox',
      ['-D', '-t', 'raw', '-e', 'signed-integer', '-b', '16', '-L', '-c', '1', '-r', String(sampleRate), '-',
        '-t', 'raw', '-e', 'mu-law', '-b', '8', '-c', '1', '-r', '8000', '-'],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`sox failed converting to 8 kHz mu-law (apt-get install sox): ${error.message} ${stderr.toString()}`));
        else resolve(stdout);
      },
    );
    child.stdin?.end(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  });
}
