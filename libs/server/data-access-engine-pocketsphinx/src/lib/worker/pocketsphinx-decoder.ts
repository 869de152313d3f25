import { PocketsphinxError, PocketsphinxErrorCode } from '../pocketsphinx-error';
import type { DecoderAddresses } from '../worker-protocol';
import type { ConfigHandle, DecoderHandle, LanguageModelHandle, LogMathHandle, PocketsphinxLibrary } from './pocketsphinx-library';

/** One entry of a hypothesis' segmentation, fillers (`<s>`, `<sil>`, `[NOISE]`) included. */
export interface RecognizedWord {
  /** Dictionary word, possibly with a pronunciation variant suffix such as `to(2)`. */
  readonly word: string;
  /** First frame of the word, counted from the start of the stream (silence included). */
  readonly startFrame: number;
  /** Last frame of the word, inclusive. */
  readonly endFrame: number;
  /** Posterior probability 0..1 from the best-path lattice; 1 for partial hypotheses. */
  readonly posterior: number;
}

/** A language model several decoders share, and the decoding thread all of them run on. */
export interface SharedLanguageModel {
  readonly model: LanguageModelHandle;
  readonly thread: number;
}

/** Name of the n-gram search over a shared language model. */
const SHARED_LM_SEARCH = 'shared_lm';

/**
 * One pocketsphinx decoder (`ps_decoder_t`) with its configuration. Creating one loads the
 * acoustic model, language model and dictionary (~0.5 s, ~90 MB), so decoders are loaded on a
 * thread of their own ({@link addresses} / {@link adopt} move them to the thread that decodes)
 * and reused across streams: {@link startStream} resets the frame clock for the next stream.
 */
export class PocketsphinxDecoder {
  private readonly logMath: LogMathHandle;
  private freed = false;
  /** The model's `-cmninit`, read once. */
  private initialMean: Float32Array | undefined;

  private constructor(
    private readonly library: PocketsphinxLibrary,
    private readonly config: ConfigHandle,
    private readonly decoder: DecoderHandle,
    private readonly thread: number | null,
  ) {
    this.logMath = library.ps_get_logmath(decoder);
  }

  /**
   * Parses `decoderArguments` (`['-name', 'value', ...]`) and loads the models. With `shared`, the
   * arguments must name no `-lm` (and a placeholder search such as `-keyphrase`): the decoder's
   * n-gram search is built over the shared model instead, which the decoder retains until freed.
   */
  static create(library: PocketsphinxLibrary, decoderArguments: readonly string[], shared?: SharedLanguageModel): PocketsphinxDecoder {
    const typedArguments = decoderArguments.flatMap((argument) => ['str', argument]);
    const config = library.cmd_ln_init(0, library.ps_args(), 1, ...typedArguments, 'str', null);
    if (!config) {
      throw new PocketsphinxError(
        PocketsphinxErrorCode.DecoderFailed,
        `pocketsphinx rejected the decoder parameters ${decoderArguments.join(' ')}`,
      );
    }
    const decoder = library.ps_init(config);
    if (!decoder) {
      library.cmd_ln_free_r(config);
      throw new PocketsphinxError(
        PocketsphinxErrorCode.DecoderFailed,
        `pocketsphinx could not load its models (${modelArguments(decoderArguments)}); run ` +
          `pocketsphinx_continuous with the same -hmm/-lm/-dict to see the library's reason`,
      );
    }
    const loaded = new PocketsphinxDecoder(library, config, decoder, shared?.thread ?? null);
    if (shared) {
      // ps_set_lm builds the lexicon tree (most of the load time once the dictionary is read).
      if (library.ps_set_lm(decoder, SHARED_LM_SEARCH, shared.model) < 0 || library.ps_set_search(decoder, SHARED_LM_SEARCH) < 0) {
        loaded.free();
        throw new PocketsphinxError(
          PocketsphinxErrorCode.DecoderFailed,
          `pocketsphinx could not build a search over the shared language model (${modelArguments(decoderArguments)})`,
        );
      }
    }
    return loaded;
  }

  /** Takes over a decoder another thread loaded; that thread must not touch it any more. */
  static adopt(library: PocketsphinxLibrary, addresses: DecoderAddresses): PocketsphinxDecoder {
    return new PocketsphinxDecoder(library, addresses.config as ConfigHandle, addresses.decoder as DecoderHandle, addresses.thread);
  }

  /** What another thread needs to {@link adopt} this decoder; this object must not be used after handing them over. */
  get addresses(): DecoderAddresses {
    return { decoder: this.decoder, config: this.config, thread: this.thread };
  }

  /**
   * Starts a new stream: frame numbering restarts at 0, the cepstral mean starts afresh from
   * `initialCepstralMean` (default: the model's `-cmninit`) and an utterance is opened. Without the
   * mean's restart a reused decoder would start a call normalised for the voice and line of
   * whichever call it decoded last: the same audio then decoded differently depending on the
   * decoder it got (measured on the 8 kHz fixtures: word error rate 0.38–0.88 for one clip).
   */
  startStream(initialCepstralMean?: Float32Array): void {
    this.check(this.library.ps_start_stream(this.decoder), 'ps_start_stream');
    this.restartCepstralMean(initialCepstralMean ?? this.modelCepstralMean());
    this.startUtterance();
  }

  /** The live cepstral mean now (for tests: it moves with the audio and is reset per stream). */
  cepstralMean(): Float32Array {
    const { cmn, length } = this.cepstralMeanState();
    const mean = new Float32Array(length);
    this.library.cmn_live_get(cmn, mean);
    return mean;
  }

  /** Starts the live cepstral mean afresh from `mean`, with no frame counted yet. */
  restartCepstralMean(mean: Float32Array): void {
    const { cmn, length } = this.cepstralMeanState();
    if (mean.length !== length) {
      throw new PocketsphinxError(
        PocketsphinxErrorCode.DecoderFailed,
        `a cepstral mean of ${mean.length} values for a cepstrum of ${length}`,
      );
    }
    this.library.cmn_live_restart(cmn, mean);
  }

  /** The acoustic model's `-cmninit`, where a new decoder's cepstral mean starts. */
  private modelCepstralMean(): Float32Array {
    this.initialMean ??= parseCepstralMean(this.library.cmd_ln_str_r(this.config, '-cmninit'), this.cepstralMeanState().length);
    return this.initialMean;
  }

  private cepstralMeanState() {
    const cmn = this.library.feat_cepstral_mean(this.library.ps_get_feat(this.decoder));
    if (!cmn) throw new PocketsphinxError(PocketsphinxErrorCode.DecoderFailed, 'the decoder has no cepstral mean normalisation to reset');
    return { cmn, length: this.library.cmn_vector_length(cmn) };
  }

  /** Opens the next utterance after {@link endUtterance}. */
  startUtterance(): void {
    this.check(this.library.ps_start_utt(this.decoder), 'ps_start_utt');
  }

  /** Decodes a block of 16 kHz samples; returns whether the voice activity detector hears speech. */
  process(samples: Int16Array): boolean {
    this.check(this.library.ps_process_raw(this.decoder, samples, samples.length, 0, 0), 'ps_process_raw');
    return this.library.ps_get_in_speech(this.decoder) !== 0;
  }

  /** Closes the utterance; afterwards {@link words} returns the rescored final hypothesis. */
  endUtterance(): void {
    this.check(this.library.ps_end_utt(this.decoder), 'ps_end_utt');
  }

  /** The current hypothesis' segmentation: partial while in an utterance, final after it ends. */
  words(): RecognizedWord[] {
    const words: RecognizedWord[] = [];
    const startFrame: [number] = [0];
    const endFrame: [number] = [0];
    const unused: [number] = [0];
    // ps_seg_next frees the iterator itself when it runs off the end.
    for (let segment = this.library.ps_seg_iter(this.decoder); segment; segment = this.library.ps_seg_next(segment)) {
      this.library.ps_seg_frames(segment, startFrame, endFrame);
      const logPosterior = this.library.ps_seg_prob(segment, unused, unused, unused);
      words.push({
        word: this.library.ps_seg_word(segment),
        startFrame: startFrame[0],
        endFrame: endFrame[0],
        posterior: this.library.logmath_exp(this.logMath, logPosterior),
      });
    }
    return words;
  }

  /** Releases the decoder and its configuration; the object is unusable afterwards. */
  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.library.ps_free(this.decoder);
    this.library.cmd_ln_free_r(this.config);
  }

  private check(result: number, call: string): void {
    if (result < 0) {
      throw new PocketsphinxError(PocketsphinxErrorCode.DecoderFailed, `${call} failed with ${result}`);
    }
  }
}

function modelArguments(decoderArguments: readonly string[]): string {
  const parts: string[] = [];
  for (let index = 0; index < decoderArguments.length - 1; index += 2) {
    if (['-hmm', '-lm', '-dict'].includes(decoderArguments[index])) {
      parts.push(`${decoderArguments[index]} ${decoderArguments[index + 1]}`);
    }
  }
  return parts.join(' ');
}

/** `-cmninit` ("40,3,-1", as many values as the cepstrum has, missing ones 0) as the mean to start from. */
function parseCepstralMean(setting: string | null, length: number): Float32Array {
  const values = (setting ?? '')
    .split(',')
    .filter((value) => value.trim() !== '')
    .map(Number);
  if (values.length > length || values.some((value) => !Number.isFinite(value))) {
    throw new PocketsphinxError(
      PocketsphinxErrorCode.DecoderFailed,
      `-cmninit "${setting}" is not up to ${length} comma-separated numbers`,
    );
  }
  const mean = new Float32Array(length);
  mean.set(values);
  return mean;
}
