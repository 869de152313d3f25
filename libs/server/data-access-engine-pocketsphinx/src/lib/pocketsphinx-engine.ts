import { NARROWBAND_MAX_RATE, type AudioBand } from './audio-band';
import type {
  EngineLoad,
  EngineStreamListener,
  EngineStreamOptions,
  TranscriptionEngine,
  TranscriptionStream,
} from '@tnt/server/util-engine';
import { availableParallelism } from 'node:os';
import { DecoderStock } from './decoder-stock';
import { DecodingWorkerPool } from './decoding-worker-pool';
import { assertPocketsphinxInstalled } from './installation-check';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import {
  POCKETSPHINX_SAMPLE_RATE,
  resolvePocketsphinxOptions,
  type PocketsphinxEngineOptions,
  type ResolvedPocketsphinxOptions,
} from './pocketsphinx-options';
import { PocketsphinxStream } from './pocketsphinx-stream';
import { resolveThreadLaunch } from './thread-launch';

/** Called when a decoding thread dies (its streams also get `onError`), cannot be replaced, or a decoder fails to load. */
export type PocketsphinxWorkerErrorHandler = (error: PocketsphinxError) => void;

/**
 * The embedded speech-to-text engine: CMU pocketsphinx (Debian's 5prealpha build) called
 * through koffi, on a pool of worker threads so decoding never blocks the event loop.
 * Decodes 16 kHz mono 16-bit PCM; each stretch of speech becomes one final segment, preceded by
 * interims at most every `interimIntervalMs` of audio.
 */
export class PocketsphinxEngine implements TranscriptionEngine {
  readonly name = 'pocketsphinx';
  readonly simulated = false;
  readonly sampleRates: readonly number[] = [POCKETSPHINX_SAMPLE_RATE];

  private readonly options: ResolvedPocketsphinxOptions;
  private readonly openStreams = new Set<PocketsphinxStream>();
  private pool: DecodingWorkerPool | null = null;
  private decoders: DecoderStock | null = null;
  private starting: Promise<void> | null = null;

  /** Validates `options` at once; throws `POCKETSPHINX_INVALID_OPTION` naming the bad value. */
  constructor(
    options: PocketsphinxEngineOptions = {},
    private readonly onWorkerError: PocketsphinxWorkerErrorHandler = (error) => console.error(error),
  ) {
    this.options = resolvePocketsphinxOptions(options);
  }

  /**
   * Checks the library and models are installed (rejecting with the `apt-get install` command
   * when not), then starts the decoding threads and the decoder-loading thread, and resolves
   * once a first decoder loaded. Idempotent.
   */
  start(): Promise<void> {
    this.starting ??= this.startPool().finally(() => (this.starting = null));
    return this.starting;
  }

  /** Opens a stream pinned to the least busy decoding thread. Throws before `start()` resolves. */
  open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream {
    if (!this.pool) {
      throw new PocketsphinxError(PocketsphinxErrorCode.NotRunning, 'pocketsphinx engine is not running: await start() first');
    }
    if (options.sampleRate !== POCKETSPHINX_SAMPLE_RATE) {
      throw new PocketsphinxError(
        PocketsphinxErrorCode.InvalidOption,
        `pocketsphinx decodes ${POCKETSPHINX_SAMPLE_RATE} Hz audio only, got a stream at ${options.sampleRate} Hz`,
      );
    }
    const band: AudioBand = (options.capturedSampleRate ?? options.sampleRate) <= NARROWBAND_MAX_RATE ? 'narrow' : 'wide';
    const stream = new PocketsphinxStream(this.pool, band, listener, (done) => this.openStreams.delete(done));
    this.openStreams.add(stream);
    return stream;
  }

  /**
   * Measured, not estimated: the audio queued on the decoding thread furthest behind, and the
   * recent decoding time per second of audio (wall time on the decoding threads, so it also grows
   * when the threads wait for a core). The threads can decode at most as many streams at once as
   * there are cores (or threads, if fewer).
   */
  measureLoad(): EngineLoad {
    const parallelism = Math.min(this.options.workerCount, availableParallelism());
    const load = this.pool?.load() ?? { mostQueuedSamples: 0, realTimeFactor: null };
    return {
      backlogSeconds: load.mostQueuedSamples / POCKETSPHINX_SAMPLE_RATE,
      realTimeFactor: load.realTimeFactor,
      openStreams: this.openStreams.size,
      parallelism,
    };
  }

  /** Ends every open stream (their last finals are still delivered), then stops the threads. */
  async stop(): Promise<void> {
    // A start in flight finishes first, so its threads are stopped too; its failure, if any,
    // belongs to whoever awaits start().
    await Promise.allSettled([this.starting]);
    const pool = this.pool;
    const decoders = this.decoders;
    if (!pool || !decoders) return;
    // Failures were already delivered to each stream's listener through onError.
    await Promise.allSettled([...this.openStreams].map((stream) => stream.end()));
    this.pool = null;
    this.decoders = null;
    await pool.stop();
    await decoders.stop();
  }

  private async startPool(): Promise<void> {
    if (this.pool) return;
    await assertPocketsphinxInstalled(this.options);
    const { libraryPath, decoderArguments, frameDurationMs, interimIntervalMs, spareDecoders, idleDecoderTtlMs, workerCount } =
      this.options;
    const { shareLanguageModel, languageModelPath, dictionaryPath } = this.options;
    const onError = (error: PocketsphinxError) => this.onWorkerError(error);
    const decoders = new DecoderStock(
      { libraryPath, decoderArguments, shareLanguageModel, languageModelPath, dictionaryPath },
      { spareDecoders, idleDecoderTtlMs },
      resolveThreadLaunch('decoder-loader'),
      onError,
    );
    const { cepstralMeans } = this.options;
    const workerSettings = { libraryPath, frameDurationMs, interimIntervalMs, cepstralMeans, sampleRate: POCKETSPHINX_SAMPLE_RATE };
    const pool = new DecodingWorkerPool(workerSettings, workerCount, resolveThreadLaunch('decoder-worker'), decoders, onError);
    const started = await Promise.allSettled([decoders.start(), pool.start()]);
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await Promise.allSettled([pool.stop(), decoders.stop()]);
      throw failure.reason;
    }
    this.decoders = decoders;
    this.pool = pool;
  }
}
