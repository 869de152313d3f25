import { EN_US_CEPSTRAL_MEANS, type AudioBand } from './audio-band';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import { RESERVED_DECODER_PARAMETERS, TUNED_DECODER_PARAMETERS } from './tuned-decoder-parameters';

/** Where Debian's `pocketsphinx-en-us` package installs the US English model. */
export const DEBIAN_ENGLISH_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us';

/** The only sample rate the engine decodes (the en-us acoustic model is trained on 16 kHz). */
export const POCKETSPHINX_SAMPLE_RATE = 16000;

/** Options of the {@link PocketsphinxEngine}; every field has a working default on Debian. */
export interface PocketsphinxEngineOptions {
  /** Path of `libpocketsphinx.so.3` (Debian `libpocketsphinx3`); default: the multiarch lib directory. */
  readonly libraryPath?: string;
  /** Acoustic model directory (`-hmm`); default `/usr/share/pocketsphinx/model/en-us/en-us`. */
  readonly acousticModelPath?: string;
  /** Language model (`-lm`); default `/usr/share/pocketsphinx/model/en-us/en-us.lm.bin`. */
  readonly languageModelPath?: string;
  /** Pronunciation dictionary (`-dict`); default `/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict`. */
  readonly dictionaryPath?: string;
  /** Decoding worker threads; default: four per core (see {@link THREADS_PER_CORE}). */
  readonly workerCount?: number;
  /** Minimum stretch of stream audio between two interim hypotheses of one utterance; default 250 ms. */
  readonly interimIntervalMs?: number;
  /** Decoders kept loaded ahead of demand (each holds ~49 MB, ~97 MB without a shared LM), so new streams start at once; default 2. */
  readonly spareDecoders?: number;
  /** A decoder beyond the spares is freed after this long unused; default 5 minutes. */
  readonly idleDecoderTtlMs?: number;
  /**
   * Whether all decoders share one language model (each decoding thread through a view of its own) and
   * read only the dictionary words it knows (~49 MB a decoder instead of ~97 MB, same words recognised); default true.
   */
  readonly shareLanguageModel?: boolean;
  /** Overrides of the tuned decoder parameters, e.g. `{ vad_threshold: '3.5' }` (no leading dash). */
  readonly decoderParameters?: Readonly<Record<string, string>>;
}

/**
 * Decoding threads per core. A stream stays on one thread, and speech comes in bursts, so with
 * one thread per core one thread ran 81 % busy and queued audio while the other sat at 50 %
 * (6 calls on 2 cores); with four per core the kernel spreads the bursts over the cores.
 */
export const THREADS_PER_CORE = 4;

/** Options with every default applied and every value validated. */
export interface ResolvedPocketsphinxOptions {
  readonly libraryPath: string;
  readonly acousticModelPath: string;
  readonly languageModelPath: string;
  readonly dictionaryPath: string;
  readonly workerCount: number;
  readonly interimIntervalMs: number;
  readonly spareDecoders: number;
  readonly idleDecoderTtlMs: number;
  readonly shareLanguageModel: boolean;
  /** Flat `['-name', 'value', ...]` list handed to `cmd_ln_init`. */
  readonly decoderArguments: readonly string[];
  /** Duration of one decoder frame (`1000 / -frate`), which converts segment frames to offsets. */
  readonly frameDurationMs: number;
  /** Where each band's streams start their cepstral mean (see {@link EN_US_CEPSTRAL_MEANS}); null: the model's `-cmninit`. */
  readonly cepstralMeans: Readonly<Record<AudioBand, readonly number[]>> | null;
}

const MULTIARCH_TRIPLETS: Readonly<Record<string, string>> = {
  x64: 'x86_64-linux-gnu',
  arm64: 'aarch64-linux-gnu',
  arm: 'arm-linux-gnueabihf',
  ia32: 'i386-linux-gnu',
  ppc64: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
};

/** Where Debian puts `libpocketsphinx.so.3` for the running architecture. */
export function defaultLibraryPath(arch: string = process.arch): string {
  const triplet = MULTIARCH_TRIPLETS[arch];
  return triplet ? `/usr/lib/${triplet}/libpocketsphinx.so.3` : '/usr/lib/libpocketsphinx.so.3';
}

/** Applies defaults and fails fast, with the exact offending value, on invalid options. */
export function resolvePocketsphinxOptions(options: PocketsphinxEngineOptions = {}): ResolvedPocketsphinxOptions {
  const resolved = {
    libraryPath: options.libraryPath ?? defaultLibraryPath(),
    acousticModelPath: options.acousticModelPath ?? join(DEBIAN_ENGLISH_MODEL_DIRECTORY, 'en-us'),
    languageModelPath: options.languageModelPath ?? join(DEBIAN_ENGLISH_MODEL_DIRECTORY, 'en-us.lm.bin'),
    dictionaryPath: options.dictionaryPath ?? join(DEBIAN_ENGLISH_MODEL_DIRECTORY, 'cmudict-en-us.dict'),
    workerCount: options.workerCount ?? THREADS_PER_CORE * availableParallelism(),
    interimIntervalMs: options.interimIntervalMs ?? 250,
    spareDecoders: options.spareDecoders ?? 2,
    idleDecoderTtlMs: options.idleDecoderTtlMs ?? 300_000,
    shareLanguageModel: options.shareLanguageModel ?? true,
  };
  requireInteger('workerCount', resolved.workerCount, 1);
  requireInteger('spareDecoders', resolved.spareDecoders, 0);
  requireInteger('idleDecoderTtlMs', resolved.idleDecoderTtlMs, 1);
  if (!Number.isFinite(resolved.interimIntervalMs) || resolved.interimIntervalMs <= 0) {
    throw invalidOption(`interimIntervalMs must be a positive number of milliseconds, got ${resolved.interimIntervalMs}`);
  }
  const parameters = mergeDecoderParameters(resolved, options.decoderParameters ?? {});
  const frameRate = Number(parameters['frate']);
  if (!Number.isInteger(frameRate) || frameRate <= 0) {
    throw invalidOption(`decoderParameters.frate must be a positive integer, got ${parameters['frate']}`);
  }
  return {
    ...resolved,
    decoderArguments: Object.entries(parameters).flatMap(([name, value]) => [`-${name}`, value]),
    frameDurationMs: 1000 / frameRate,
    // Measured for Debian's en-us model only; another acoustic model starts from its own -cmninit.
    cepstralMeans: resolved.acousticModelPath === join(DEBIAN_ENGLISH_MODEL_DIRECTORY, 'en-us') ? EN_US_CEPSTRAL_MEANS : null,
  };
}

function mergeDecoderParameters(
  models: Pick<ResolvedPocketsphinxOptions, 'acousticModelPath' | 'languageModelPath' | 'dictionaryPath'>,
  overrides: Readonly<Record<string, string>>,
): Record<string, string> {
  for (const [name, value] of Object.entries(overrides)) {
    if (!/^[a-z][a-z_]*$/.test(name)) {
      throw invalidOption(`decoderParameters keys are pocketsphinx parameter names without the dash, got "${name}"`);
    }
    if (RESERVED_DECODER_PARAMETERS.includes(name)) {
      throw invalidOption(`decoderParameters.${name} is set by the engine itself and cannot be overridden`);
    }
    if (typeof value !== 'string' || value.length === 0) {
      throw invalidOption(`decoderParameters.${name} must be a non-empty string, got ${JSON.stringify(value)}`);
    }
  }
  return {
    hmm: models.acousticModelPath,
    lm: models.languageModelPath,
    dict: models.dictionaryPath,
    samprate: String(POCKETSPHINX_SAMPLE_RATE),
    ...TUNED_DECODER_PARAMETERS,
    ...overrides,
  };
}

function requireInteger(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw invalidOption(`${name} must be an integer >= ${minimum}, got ${value}`);
  }
}

function invalidOption(message: string): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.InvalidOption, message);
}
