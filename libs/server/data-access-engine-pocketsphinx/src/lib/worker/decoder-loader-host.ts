import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PocketsphinxError, PocketsphinxErrorCode } from '../pocketsphinx-error';
import { serializeError } from '../serialized-error';
import type { DecoderAddresses, DecoderLoaderSettings, FromDecoderLoaderMessage, ToDecoderLoaderMessage } from '../worker-protocol';
import { createThreadView, freeThreadView } from './language-model-view';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import {
  loadPocketsphinxLibrary,
  type ConfigHandle,
  type LanguageModelHandle,
  type OwnLogMathHandle,
  type PocketsphinxLibrary,
} from './pocketsphinx-library';

/** `NGRAM_AUTO`: let sphinxbase tell the language model's file format. */
const NGRAM_AUTO = 0;

/** The language model every decoding thread's decoders read, read once. */
interface SharedModel {
  readonly model: LanguageModelHandle;
  readonly logMath: OwnLogMathHandle;
}

/** One decoding thread's view of the shared model and how many loaded decoders use it. */
interface ThreadView {
  readonly view: LanguageModelHandle;
  decoders: number;
}

/**
 * Everything the decoder-loading thread does: loads decoders on request (models, language
 * model and dictionary: ~0.5 s of CPU each) and frees the ones the engine no longer keeps.
 * Decoding threads only ever receive ready decoders, so loading never stalls live audio.
 *
 * With `shareLanguageModel`, one language model (~32 MB) is read for all decoders, and each
 * decoding thread's decoders read it through a view of their thread's own
 * ({@link createThreadView}): a lookup caches the last history's back-off weights inside the model
 * (sphinxbase `lm_trie_score`), so two threads scoring through one model header would read each
 * other's cache; a view has its own cache (and header) over the same n-grams, which lookups only
 * read. Decoders of one thread run one at a time, which keeps its view's cache coherent. This thread
 * is the only one that retains or frees a model or view (decoding threads send their decoders back
 * here to be freed), as sphinxbase's reference counts are plain integers. Decoders then also read
 * only the dictionary words the model knows (79k of 134k pronunciations): the search never proposes
 * a word the model lacks, so the words recognised stay the same, and every decoder holds ~15 MB less.
 */
export class DecoderLoaderHost {
  private readonly library: PocketsphinxLibrary;
  /** Read with the first decoder over it, freed with the last. */
  private shared: SharedModel | null = null;
  private readonly views = new Map<number, ThreadView>();
  /** The thread of each loaded decoder over a view, by decoder address. */
  private readonly threadOfDecoder = new Map<number, number>();
  /** Where the cut-down dictionary was written (a directory of this thread's own); null until needed. */
  private dictionaryDirectory: string | null = null;
  private sharedDecoderArguments: readonly string[] | null = null;

  constructor(
    private readonly settings: DecoderLoaderSettings,
    private readonly post: (message: FromDecoderLoaderMessage) => void,
  ) {
    this.library = loadPocketsphinxLibrary(settings.libraryPath);
    this.library.err_set_logfp(null);
  }

  /** Handles one message from the engine; returns false once the thread should exit. */
  handle(message: ToDecoderLoaderMessage): boolean {
    switch (message.kind) {
      case 'load':
        this.load(message.thread);
        return true;
      case 'free':
        this.free(message.decoder);
        return true;
      case 'shutdown':
        this.shutdown();
        return false;
    }
  }

  private load(thread: number | null): void {
    try {
      const decoder =
        this.settings.shareLanguageModel && thread !== null
          ? this.loadSharing(thread)
          : PocketsphinxDecoder.create(this.library, this.settings.decoderArguments);
      this.post({ kind: 'loaded', decoder: decoder.addresses });
    } catch (error) {
      this.post({ kind: 'load-failed', error: serializeError(error) });
    }
  }

  private loadSharing(thread: number): PocketsphinxDecoder {
    const shared = (this.shared ??= this.readLanguageModel());
    const decoderArguments = (this.sharedDecoderArguments ??= this.argumentsSharing(shared.model));
    const view = this.views.get(thread) ?? this.createView(thread, shared);
    let decoder: PocketsphinxDecoder;
    try {
      decoder = PocketsphinxDecoder.create(this.library, decoderArguments, { model: view.view, thread });
    } catch (error) {
      this.releaseUnused(thread, view);
      throw error;
    }
    view.decoders++;
    this.threadOfDecoder.set(decoder.addresses.decoder, thread);
    return decoder;
  }

  private createView(thread: number, shared: SharedModel): ThreadView {
    let view: LanguageModelHandle;
    try {
      view = createThreadView(this.library, shared.model);
    } catch (error) {
      if (this.views.size === 0) this.freeSharedModel();
      throw error;
    }
    const created: ThreadView = { view, decoders: 0 };
    this.views.set(thread, created);
    return created;
  }

  /** Reads the language model, weighted with the decoder parameters' `-lw`/`-wip`. */
  private readLanguageModel(): SharedModel {
    const config = this.parse(this.settings.decoderArguments);
    try {
      // A log-math table of the model's own, so it outlives whichever decoder was loaded first.
      const logMath = this.library.logmath_init(this.library.cmd_ln_float_r(config, '-logbase'), 0, 0);
      if (!logMath) throw decoderFailed('pocketsphinx could not set up log arithmetic for the language model');
      const model = this.library.ngram_model_read(config, this.settings.languageModelPath, NGRAM_AUTO, logMath);
      if (!model) {
        this.library.logmath_free(logMath);
        throw decoderFailed(`pocketsphinx could not read the language model ${this.settings.languageModelPath}`);
      }
      return { model, logMath };
    } finally {
      this.library.cmd_ln_free_r(config);
    }
  }

  /**
   * The decoder parameters for decoders over a shared model: no `-lm` (a one-word keyphrase
   * search stands in until the shared model's search replaces it) and the dictionary cut down to
   * the model's vocabulary, written once to a directory of this thread's own.
   */
  private argumentsSharing(model: LanguageModelHandle): readonly string[] {
    const vocabulary = new Set<string>();
    const size = this.library.ngram_model_get_counts(model);
    for (let wordId = 0; wordId < size; wordId++) {
      const word = this.library.ngram_word(model, wordId);
      if (word !== null) vocabulary.add(word);
    }
    let dictionary: string;
    try {
      dictionary = readFileSync(this.settings.dictionaryPath, 'latin1');
    } catch (error) {
      throw decoderFailed(`pocketsphinx could not read the dictionary ${this.settings.dictionaryPath}: ${(error as Error).message}`);
    }
    // A line is "word phones..." or "word(2) phones..." for an alternative pronunciation.
    const kept = dictionary.split('\n').filter((line) => vocabulary.has(line.split(/\s/, 1)[0].replace(/\(\d+\)$/, '')));
    if (kept.length === 0) {
      throw decoderFailed(
        `the dictionary ${this.settings.dictionaryPath} has no word of the language model ${this.settings.languageModelPath}`,
      );
    }
    this.dictionaryDirectory = mkdtempSync(join(tmpdir(), 'tnt-pocketsphinx-'));
    const dictionaryPath = join(this.dictionaryDirectory, 'vocabulary.dict');
    writeFileSync(dictionaryPath, kept.join('\n') + '\n', 'latin1');
    const replaced: string[] = [];
    const original = this.settings.decoderArguments;
    for (let index = 0; index < original.length - 1; index += 2) {
      const [name, value] = [original[index], original[index + 1]];
      if (name === '-lm') continue;
      replaced.push(name, name === '-dict' ? dictionaryPath : value);
    }
    // Any word both know will do for the placeholder search.
    return [...replaced, '-keyphrase', kept[0].split(/\s/, 1)[0].replace(/\(\d+\)$/, '')];
  }

  private free(addresses: DecoderAddresses): void {
    PocketsphinxDecoder.adopt(this.library, addresses).free();
    const thread = this.threadOfDecoder.get(addresses.decoder);
    if (thread === undefined) return;
    this.threadOfDecoder.delete(addresses.decoder);
    const view = this.views.get(thread);
    if (view) {
      view.decoders--;
      this.releaseUnused(thread, view);
    }
  }

  /** Frees a view no decoder uses any more, and the model with the last view (the next decoder reads it again). */
  private releaseUnused(thread: number, view: ThreadView): void {
    if (view.decoders > 0) return;
    // Not freed while sphinxbase still counts a decoder's reference (not expected): leaked, never freed under it.
    if (!freeThreadView(view.view)) return;
    this.views.delete(thread);
    if (this.views.size === 0) this.freeSharedModel();
  }

  private freeSharedModel(): void {
    if (!this.shared) return;
    this.library.ngram_model_free(this.shared.model);
    this.library.logmath_free(this.shared.logMath);
    this.shared = null;
  }

  private shutdown(): void {
    // Decoders still loaded at this point are leaked with their views and the model, never freed twice.
    for (const [thread, view] of this.views) this.releaseUnused(thread, view);
    if (this.views.size === 0) this.freeSharedModel();
    if (this.dictionaryDirectory) rmSync(this.dictionaryDirectory, { recursive: true, force: true });
  }

  private parse(decoderArguments: readonly string[]): ConfigHandle {
    const typedArguments = decoderArguments.flatMap((argument) => ['str', argument]);
    const config = this.library.cmd_ln_init(0, this.library.ps_args(), 1, ...typedArguments, 'str', null);
    if (!config) throw decoderFailed(`pocketsphinx rejected the decoder parameters ${decoderArguments.join(' ')}`);
    return config;
  }
}

function decoderFailed(message: string): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.DecoderFailed, message);
}
