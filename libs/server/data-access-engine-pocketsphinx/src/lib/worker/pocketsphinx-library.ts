import { address, decode, encode, load, opaque, out, pointer, type IKoffiCType } from 'koffi';

/** An opaque C handle; the brand keeps handles of different C types apart at compile time. */
export type NativeHandle<Brand extends string> = { readonly __nativeType: Brand };
/**
 * A C pointer carried as its address, so it can cross threads in a message: a decoder is
 * loaded on one thread and used on another (never by two at once).
 */
export type NativeAddress<Brand extends string> = number & { readonly __nativeType: Brand };
/** `ps_decoder_t *` */
export type DecoderHandle = NativeAddress<'ps_decoder_t'>;
/** `cmd_ln_t *` */
export type ConfigHandle = NativeAddress<'cmd_ln_t'>;
/** `ngram_model_t *` */
export type LanguageModelHandle = NativeAddress<'ngram_model_t'>;
/** `logmath_t *` of a language model read by the engine itself (not a decoder's). */
export type OwnLogMathHandle = NativeAddress<'logmath_t'>;
/** `feat_t *` of a decoder. */
export type FeatureComputationHandle = NativeHandle<'feat_t'>;
/** `cmn_t *`: a decoder's live cepstral mean normalisation. */
export type CepstralMeanHandle = NativeHandle<'cmn_t'>;
/** `ps_seg_t *` */
export type SegmentIteratorHandle = NativeHandle<'ps_seg_t'>;
/** `logmath_t *` */
export type LogMathHandle = NativeHandle<'logmath_t'>;
/** `arg_t const *` */
type ArgumentDefinitionsHandle = NativeHandle<'arg_t'>;

/**
 * The slice of the pocketsphinx 5prealpha C API (and the sphinxbase functions it re-exports
 * through its dependencies) that the engine uses, typed. Output parameters are one-element arrays.
 */
export interface PocketsphinxLibrary {
  ps_args(): ArgumentDefinitionsHandle;
  /** Variadic: alternating `'str', value` pairs ending with `'str', null`. 0 is NULL. */
  cmd_ln_init(
    config: ConfigHandle | 0,
    definitions: ArgumentDefinitionsHandle,
    strict: number,
    ...typedArguments: Array<string | null>
  ): ConfigHandle | 0;
  cmd_ln_free_r(config: ConfigHandle): number;
  err_set_logfp(stream: null): void;
  /** 0 when the models cannot be loaded. */
  ps_init(config: ConfigHandle): DecoderHandle | 0;
  ps_free(decoder: DecoderHandle): number;
  ps_start_stream(decoder: DecoderHandle): number;
  ps_start_utt(decoder: DecoderHandle): number;
  ps_process_raw(decoder: DecoderHandle, samples: Int16Array, sampleCount: number, noSearch: number, fullUtterance: number): number;
  ps_end_utt(decoder: DecoderHandle): number;
  ps_get_in_speech(decoder: DecoderHandle): number;
  ps_get_logmath(decoder: DecoderHandle): LogMathHandle;
  ps_seg_iter(decoder: DecoderHandle): SegmentIteratorHandle | null;
  ps_seg_next(segment: SegmentIteratorHandle): SegmentIteratorHandle | null;
  ps_seg_word(segment: SegmentIteratorHandle): string;
  ps_seg_frames(segment: SegmentIteratorHandle, startFrame: [number], endFrame: [number]): void;
  ps_seg_prob(segment: SegmentIteratorHandle, acousticScore: [number], languageScore: [number], backoff: [number]): number;
  ps_seg_free(segment: SegmentIteratorHandle): void;
  logmath_exp(logMath: LogMathHandle, logValue: number): number;
  /** Reads a configuration value such as `-logbase`. */
  cmd_ln_float_r(config: ConfigHandle, name: string): number;
  logmath_init(base: number, shift: number, useTable: number): OwnLogMathHandle | 0;
  logmath_free(logMath: OwnLogMathHandle): number;
  /** `fileType` 0 is `NGRAM_AUTO`; `config` supplies `-lw`/`-wip`. 0 when the file cannot be read. */
  ngram_model_read(config: ConfigHandle, path: string, fileType: number, logMath: OwnLogMathHandle): LanguageModelHandle | 0;
  /** Adds a reference to `model` and returns it. */
  ngram_model_retain(model: LanguageModelHandle): LanguageModelHandle;
  /** Drops one reference; the model is freed with the last. Returns the references left. */
  ngram_model_free(model: LanguageModelHandle): number;
  /** The first of the model's n-gram counts (`uint32_t[order]`): its vocabulary size. */
  ngram_model_get_counts(model: LanguageModelHandle): number;
  /** Where the model's n-gram counts array is (the pointer `ngram_model_get_counts` returns). */
  ngram_model_counts_address(model: LanguageModelHandle): bigint;
  ngram_word(model: LanguageModelHandle, wordId: number): string | null;
  /** The weighted score of `word` after `previous` and `beforePrevious` (word ids); `used` gets the n-gram order found. */
  ngram_tg_score(model: LanguageModelHandle, word: number, previous: number, beforePrevious: number, used: [number]): number;
  /** Adds an n-gram search named `name` over `model` (which it retains) and builds its lexicon tree. */
  ps_set_lm(decoder: DecoderHandle, name: string, model: LanguageModelHandle): number;
  ps_set_search(decoder: DecoderHandle, name: string): number;
  /** Reads a string configuration value such as `-cmninit`; null when unset. */
  cmd_ln_str_r(config: ConfigHandle, name: string): string | null;
  ps_get_feat(decoder: DecoderHandle): FeatureComputationHandle;
  /** `feat->cmn_struct`: read from the struct (sphinxbase 5prealpha layout), no accessor exists. */
  feat_cepstral_mean(feat: FeatureComputationHandle): CepstralMeanHandle | null;
  /** `cmn->veclen`: how many values the mean has. */
  cmn_vector_length(cmn: CepstralMeanHandle): number;
  /**
   * Puts the live mean back where a new decoder's is: `mean`, with no frame counted yet, so the
   * first utterance's own frames set the next mean (`cmn_live_set` alone would count `mean` as
   * 500 frames already heard and adapt to the new voice five times slower).
   */
  cmn_live_restart(cmn: CepstralMeanHandle, mean: Float32Array): void;
  cmn_live_get(cmn: CepstralMeanHandle, mean: Float32Array): void;
}

/**
 * Offsets in sphinxbase 5prealpha's structs on 64-bit Linux (`sphinxbase/feat.h`, `cmn.h`), for the
 * fields there is no accessor for: `feat_t.cmn_struct` follows 4 pointers, 8 32-bit fields and the
 * `compute_feat` function pointer; `cmn_t` is `cmn_mean`, `cmn_var`, `sum` (pointers), `nframe`, `veclen`.
 */
const FEAT_CMN_STRUCT_OFFSET = 88;
const CMN_SUM_OFFSET = 16;
const CMN_NFRAME_OFFSET = 24;
const CMN_VECLEN_OFFSET = 28;

const loadedLibraries = new Map<string, PocketsphinxLibrary>();

/**
 * Loads `libpocketsphinx.so.3` with koffi and binds the functions the engine calls. sphinxbase
 * functions (`cmd_ln_*`, `logmath_*`, `err_*`) resolve through the library's own dependencies.
 * Bindings are cached per path because koffi types are registered per thread.
 */
export function loadPocketsphinxLibrary(libraryPath: string): PocketsphinxLibrary {
  const cached = loadedLibraries.get(libraryPath);
  if (cached) return cached;
  const library = load(libraryPath);
  const handle = (): IKoffiCType => pointer(opaque());
  // Addresses rather than koffi pointer objects, which cannot be posted to another thread.
  const decoder = 'uintptr_t';
  const config = 'uintptr_t';
  const segment = handle();
  const logMath = handle();
  const outInt = out(pointer('int32_t'));
  const feat = 'void *';
  const setMean = library.func('cmn_live_set', 'void', ['void *', 'const float *']);
  const cepstralMean = 'void *';
  const getCounts = library.func('ngram_model_get_counts', 'const uint32_t *', ['uintptr_t']);
  const bindings: Record<keyof PocketsphinxLibrary, unknown> = {
    ps_args: library.func('ps_args', handle(), []),
    cmd_ln_init: library.func('cmd_ln_init', config, [config, 'void *', 'int32_t', '...']),
    cmd_ln_free_r: library.func('cmd_ln_free_r', 'int', [config]),
    err_set_logfp: library.func('err_set_logfp', 'void', ['void *']),
    ps_init: library.func('ps_init', decoder, [config]),
    ps_free: library.func('ps_free', 'int', [decoder]),
    ps_start_stream: library.func('ps_start_stream', 'int', [decoder]),
    ps_start_utt: library.func('ps_start_utt', 'int', [decoder]),
    ps_process_raw: library.func('ps_process_raw', 'int', [decoder, 'const int16_t *', 'size_t', 'int', 'int']),
    ps_end_utt: library.func('ps_end_utt', 'int', [decoder]),
    ps_get_in_speech: library.func('ps_get_in_speech', 'uint8_t', [decoder]),
    ps_get_logmath: library.func('ps_get_logmath', logMath, [decoder]),
    ps_seg_iter: library.func('ps_seg_iter', segment, [decoder]),
    ps_seg_next: library.func('ps_seg_next', segment, [segment]),
    ps_seg_word: library.func('ps_seg_word', 'const char *', [segment]),
    ps_seg_frames: library.func('ps_seg_frames', 'void', [segment, outInt, outInt]),
    ps_seg_prob: library.func('ps_seg_prob', 'int32_t', [segment, outInt, outInt, outInt]),
    ps_seg_free: library.func('ps_seg_free', 'void', [segment]),
    logmath_exp: library.func('logmath_exp', 'double', [logMath, 'int32_t']),
    cmd_ln_float_r: library.func('cmd_ln_float_r', 'double', [config, 'const char *']),
    logmath_init: library.func('logmath_init', 'uintptr_t', ['double', 'int', 'int']),
    logmath_free: library.func('logmath_free', 'int', ['uintptr_t']),
    ngram_model_read: library.func('ngram_model_read', 'uintptr_t', [config, 'const char *', 'int', 'uintptr_t']),
    ngram_model_retain: library.func('ngram_model_retain', 'uintptr_t', ['uintptr_t']),
    ngram_model_free: library.func('ngram_model_free', 'int', ['uintptr_t']),
    ngram_model_get_counts: (model: LanguageModelHandle) => decode(getCounts(model), 'uint32_t') as number,
    ngram_model_counts_address: (model: LanguageModelHandle) => address(getCounts(model)) as bigint,
    ngram_word: library.func('ngram_word', 'const char *', ['uintptr_t', 'int32_t']),
    ngram_tg_score: library.func('ngram_tg_score', 'int32_t', ['uintptr_t', 'int32_t', 'int32_t', 'int32_t', outInt]),
    ps_set_lm: library.func('ps_set_lm', 'int', [decoder, 'const char *', 'uintptr_t']),
    ps_set_search: library.func('ps_set_search', 'int', [decoder, 'const char *']),
    cmd_ln_str_r: library.func('cmd_ln_str_r', 'const char *', [config, 'const char *']),
    ps_get_feat: library.func('ps_get_feat', feat, [decoder]),
    feat_cepstral_mean: (features: FeatureComputationHandle) =>
      decode(features, FEAT_CMN_STRUCT_OFFSET, cepstralMean) as CepstralMeanHandle | null,
    cmn_vector_length: (mean: CepstralMeanHandle) => decode(mean, CMN_VECLEN_OFFSET, 'int32_t') as number,
    cmn_live_restart: (mean: CepstralMeanHandle, values: Float32Array) => {
      setMean(mean, values);
      encode(decode(mean, CMN_SUM_OFFSET, 'void *'), 0, 'float', new Float32Array(values.length), values.length);
      encode(mean, CMN_NFRAME_OFFSET, 'int32_t', 0);
    },
    cmn_live_get: library.func('cmn_live_get', 'void', [cepstralMean, 'float *']),
  };
  const typed = bindings as unknown as PocketsphinxLibrary;
  loadedLibraries.set(libraryPath, typed);
  return typed;
}
