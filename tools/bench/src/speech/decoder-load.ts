import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { percentile } from '../support/percentile';

const run = promisify(execFile);

/**
 * The engine's probe, built with the gateway. It runs as a process of its own (as the gateway and
 * the users CLI do) because the benchmark, a tool, does not import server code.
 */
export const DECODER_LOAD_PROBE = join(
  workspaceRoot(),
  ...['dist', 'server', 'libs', 'server', 'data-access-engine-pocketsphinx', 'src', 'bench', 'decoder-load-probe.js'],
);

/** The probe's one line of output. */
interface ProbeOutput {
  readonly loadMs: number[];
  readonly loadCpuMs: number[];
  readonly nativeMegabytesPerDecoder: number;
  readonly nativeMegabytesLeftAfterFree: number;
}

/** What loading one decoder costs (medians over the decoders loaded). */
export interface DecoderLoadCost {
  readonly decoders: number;
  readonly loadMsP50: number;
  readonly loadCpuMsP50: number;
  readonly nativeMegabytesPerDecoder: number;
  readonly nativeMegabytesLeftAfterFree: number;
}

/** Loads `decoders` pocketsphinx decoders one after another in a fresh process and reports their cost. */
export async function measureDecoderLoad(decoders: number): Promise<DecoderLoadCost> {
  const { stdout } = await run(process.execPath, [DECODER_LOAD_PROBE, String(decoders)]);
  const output = JSON.parse(stdout) as ProbeOutput;
  if (!Array.isArray(output.loadMs) || output.loadMs.length !== decoders || !Array.isArray(output.loadCpuMs)) {
    throw new Error(`the decoder load probe printed an unexpected line: ${stdout.trim()}`);
  }
  return {
    decoders,
    loadMsP50: percentile(output.loadMs, 50),
    loadCpuMsP50: percentile(output.loadCpuMs, 50),
    nativeMegabytesPerDecoder: output.nativeMegabytesPerDecoder,
    nativeMegabytesLeftAfterFree: output.nativeMegabytesLeftAfterFree,
  };
}
