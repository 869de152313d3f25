/**
 * What loading one pocketsphinx decoder costs: the wall time of creating it (`cmd_ln_init` +
 * `ps_init`: acoustic model, language model, 134k-word dictionary) and the native heap it holds.
 * The speech benchmark runs this file as a process of its own, so the figures come from a fresh
 * heap with nothing else loaded, before the gateway starts:
 *
 *   node dist/server/libs/server/data-access-engine-pocketsphinx/src/bench/decoder-load-probe.js [decoders]
 *
 * Prints one JSON line, a {@link DecoderLoadFigures}.
 */
import { nativeHeapBytesInUse } from '../testing/native-heap';
import { resolvePocketsphinxOptions } from '../lib/pocketsphinx-options';
import { PocketsphinxDecoder } from '../lib/worker/pocketsphinx-decoder';
import { loadPocketsphinxLibrary } from '../lib/worker/pocketsphinx-library';

/** What {@link measureDecoderLoad} reports. */
export interface DecoderLoadFigures {
  /** Wall time of creating each decoder, in order, ms. */
  readonly loadMs: readonly number[];
  /** CPU time (user + system) of creating each decoder, in order, ms: what a busy machine does not inflate. */
  readonly loadCpuMs: readonly number[];
  /** Native heap held per decoder while all are loaded, MB (2^20 bytes). */
  readonly nativeMegabytesPerDecoder: number;
  /** Native heap still held after every decoder was freed, MB. */
  readonly nativeMegabytesLeftAfterFree: number;
}

/** Creates `decoders` decoders one after another with the engine's default options, then frees them. */
export function measureDecoderLoad(decoders: number): DecoderLoadFigures {
  const options = resolvePocketsphinxOptions();
  const library = loadPocketsphinxLibrary(options.libraryPath);
  library.err_set_logfp(null);
  const heapBefore = nativeHeapBytesInUse();
  const loadMs: number[] = [];
  const loadCpuMs: number[] = [];
  const loaded: PocketsphinxDecoder[] = [];
  for (let index = 0; index < decoders; index++) {
    const startedAt = performance.now();
    const cpuBefore = process.cpuUsage();
    loaded.push(PocketsphinxDecoder.create(library, options.decoderArguments));
    const cpu = process.cpuUsage(cpuBefore);
    loadMs.push(performance.now() - startedAt);
    loadCpuMs.push((cpu.user + cpu.system) / 1000);
  }
  const nativeMegabytesPerDecoder = (nativeHeapBytesInUse() - heapBefore) / decoders / 2 ** 20;
  loaded.forEach((decoder) => decoder.free());
  return { loadMs, loadCpuMs, nativeMegabytesPerDecoder, nativeMegabytesLeftAfterFree: (nativeHeapBytesInUse() - heapBefore) / 2 ** 20 };
}

if (require.main === module) {
  const decoders = Number(process.argv[2] ?? '5');
  if (!Number.isInteger(decoders) || decoders < 1) {
    console.error(`decoder-load-probe: the number of decoders must be a positive integer (got ${process.argv[2]})`);
    process.exit(2);
  }
  console.log(JSON.stringify(measureDecoderLoad(decoders)));
}
