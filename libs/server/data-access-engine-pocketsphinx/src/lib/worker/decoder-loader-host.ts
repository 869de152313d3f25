import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PocketsphinxError, PocketsphinxErrorCode } from '../pocketsphinx-error';
import { serializeError } from '../serialized-error';
import type { DecoderAddresses, DecoderLoaderSettings, FromDecoderLoaderMessage, ToDecoderLoaderMessage } from '../worker-protocol';
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

/** One decoding thread's language model and how many loaded decoders use it. */
interface ThreadLanguageModel {
  readonly model: LanguageModelHandle;
  readonly logMath: OwnLogMathHandle;
  decoders: number;
}

/**
 * Everything the decoder-loading thread does: loads decoders on request (models, language
 * model and dictionary: ~0.5 s of CPU each) and frees the ones the engine no longer keeps.
 * Decoding threads only ever receive ready decoders, so loading never stalls live audio.
 *
 * With `shareLanguageModel`, the decoders meant for one decoding thread share one language
 * model (~32 MB each otherwise). Not across threads: a lookup caches the last history's back-off
 * weights inside the model (sphinxbase `lm_trie_score`), so two threads scoring at once would read
 * each other's cache. This thread is the only one that retains or frees a shared model (decoding
 * threads send their decoders back here to be freed), as sphinxbase's reference counts are plain
 * integers. Decoders then also read only the dictionary words the model knows (79k of 134k
 * pronunciations): the search never proposes a word the model lacks, so the words recognised
 * stay the same, and every decoder holds ~15 MB less.
 */
export class DecoderLoaderHost {
  private readonly library: PocketsphinxLibrary;
  private readonly models = new Map<number, ThreadLanguageModel>();
  /** The shared-model thread of each loaded decoder, by decoder address. */
  private readonly modelOfDecoder = new Map<number, number>();
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
    const model = this.models.get(thread) ?? this.readLanguageModel(thread);
    const decoderArguments = (this.sharedDecoderArguments ??= this.argumentsSharing(model.model));
    const decoder = PocketsphinxDecoder.create(this.library, decoderArguments, { model: model.model, thread });
    model.decoders++;
    this.modelOfDecoder.set(decoder.addresses.decoder, thread);
    return decoder;
  }

  /** Reads the language model for `thread`'s decoders, weighted with the decoder parameters' `-lw`/`-wip`. */
  private readLanguageModel(thread: number): ThreadLanguageModel {
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
      const loaded: ThreadLanguageModel = { model, logMath, decoders: 0 };
      this.models.set(thread, loaded);
      return loaded;
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
    const thread = this.modelOfDecoder.get(addresses.decoder);
    if (thread === undefined) return;
    this.modelOfDecoder.delete(addresses.decoder);
    const model = this.models.get(thread);
    if (model && --model.decoders === 0) {
      // The last decoder over it is gone: nothing else reads it (the next one loads it again).
      this.models.delete(thread);
      this.freeModel(model);
    }
  }

  private freeModel(model: ThreadLanguageModel): void {
    this.library.ngram_model_free(model.model);
    this.library.logmath_free(model.logMath);
  }

  private shutdown(): void {
    // Decoders still loaded at this point are leaked with their models' references, never freed twice.
    for (const [thread, model] of this.models) {
      if (model.decoders === 0) {
        this.models.delete(thread);
        this.freeModel(model);
      }
    }
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
