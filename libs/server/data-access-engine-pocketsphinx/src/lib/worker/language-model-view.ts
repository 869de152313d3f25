import koffi from 'koffi';
import { PocketsphinxError, PocketsphinxErrorCode } from '../pocketsphinx-error';
import type { LanguageModelHandle, PocketsphinxLibrary } from './pocketsphinx-library';

/**
 * sphinxbase 5prealpha's trie language model on 64-bit Linux (`ngram_model_trie.h`, `lm_trie.h`),
 * checked against Debian's `libsphinxbase.so.3` build (`lm_trie_read_bin` allocates 0x60 bytes,
 * `ngram_model_trie_read_bin` 0x68, `ngram_model_flush` calls through offset 0x58):
 * - `ngram_model_trie_t` (104 bytes): `ngram_model_t base` (96 bytes: `int refcount` at 0,
 *   `uint32 *n_counts` at 8, ..., `ngram_funcs_t *funcs` at 88), then `lm_trie_t *trie` at 96;
 * - `lm_trie_t` (96 bytes): `ngram_mem`, `ngram_mem_size`, `unigrams`, `middle_begin`,
 *   `middle_end`, `longest`, `quant`, then the history cache: `float backoff_cache[5]` at 56 and
 *   `uint32 hist_cache[4]` at 76.
 */
const MODEL_BYTES = 104;
const REFCOUNT_OFFSET = 0;
const COUNTS_OFFSET = 8;
const TRIE_POINTER_OFFSET = 96;
const TRIE_BYTES = 96;
const BACKOFF_CACHE_OFFSET = 56;
const BACKOFF_CACHE_LENGTH = 5;
const HISTORY_CACHE_OFFSET = 76;
const HISTORY_CACHE_LENGTH = 4;

/** libc's allocator and `memcpy`, over addresses (as the engine carries native pointers) and buffers. */
interface Libc {
  malloc(bytes: number): number;
  free(address: number): void;
  /** Copies `bytes` from native memory into `destination`. */
  read(destination: Buffer, source: number, bytes: number): unknown;
  /** Copies `bytes` of `source` into native memory. */
  write(destination: number, source: Buffer, bytes: number): unknown;
}

let libc: Libc | null = null;

function cLibrary(): Libc {
  if (!libc) {
    const library = koffi.load('libc.so.6');
    libc = {
      malloc: library.func('malloc', 'uintptr_t', ['size_t']),
      free: library.func('free', 'void', ['uintptr_t']),
      read: library.func('memcpy', 'void *', ['void *', 'uintptr_t', 'size_t']),
      write: library.func('memcpy', 'void *', ['uintptr_t', 'const void *', 'size_t']),
    } as Libc;
  }
  return libc;
}

/** `bytes` bytes of native memory at `address`, copied. */
function readNative(address: number, bytes: number): Buffer {
  const copy = Buffer.alloc(bytes);
  cLibrary().read(copy, address, bytes);
  return copy;
}

/** Native memory of its own holding `content`; 0 when the allocator has none. */
function allocateCopy(content: Buffer): number {
  const address = cLibrary().malloc(content.length);
  if (address) cLibrary().write(address, content, content.length);
  return address;
}

/**
 * A view of a trie language model for one decoding thread: a model header and trie header of its
 * own over the model's n-gram arrays, words and word hash. Why decoders of different threads can
 * then score at once over one copy of the n-grams (~32 MB for Debian's en-us model), from
 * sphinxbase's source: while decoding, a decoder reaches the model only through the scoring
 * functions of its own `ngram_model_set` (`ngram_ng_score`, `ngram_ng_prob`, `ngram_model_flush`),
 * and those write nothing but the trie header's history cache (`lm_trie_score` →
 * `update_backoff`; the flush clears it), which the view has of its own; the reference count and
 * the weights (`lw`, `log_wip`, rewritten when a decoder is built over the model) are in the
 * view's own model header too. The arrays are written only while the model is read.
 *
 * The view must never be freed by sphinxbase (that would free the shared arrays): whoever makes it
 * holds its first reference until every decoder over it is freed, then calls {@link freeThreadView}.
 * The model it views must outlive it.
 */
export function createThreadView(library: PocketsphinxLibrary, model: LanguageModelHandle): LanguageModelHandle {
  const modelHeader = readNative(model, MODEL_BYTES);
  // Before following any pointer of the header: its counts pointer must be where the library's own
  // accessor finds it, and its reference count must be a plausible one.
  const referencesNow = modelHeader.readInt32LE(REFCOUNT_OFFSET);
  if (
    modelHeader.readBigUInt64LE(COUNTS_OFFSET) !== library.ngram_model_counts_address(model) ||
    referencesNow < 1 ||
    referencesNow > 1024
  ) {
    throw layoutDiffers();
  }
  const trieHeader = readNative(Number(modelHeader.readBigUInt64LE(TRIE_POINTER_OFFSET)), TRIE_BYTES);
  // Empty caches, as lm_trie_flush leaves them: no back-off, no history yet (-1).
  trieHeader.fill(0, BACKOFF_CACHE_OFFSET, BACKOFF_CACHE_OFFSET + 4 * BACKOFF_CACHE_LENGTH);
  trieHeader.fill(0xff, HISTORY_CACHE_OFFSET, HISTORY_CACHE_OFFSET + 4 * HISTORY_CACHE_LENGTH);
  const trie = allocateCopy(trieHeader);
  if (!trie) throw outOfMemory();
  modelHeader.writeBigUInt64LE(BigInt(trie), TRIE_POINTER_OFFSET);
  // The maker's reference; decoders' searches add theirs.
  modelHeader.writeInt32LE(1, REFCOUNT_OFFSET);
  const view = allocateCopy(modelHeader) as LanguageModelHandle;
  if (!view) {
    cLibrary().free(trie);
    throw outOfMemory();
  }
  try {
    checkView(library, model, view);
  } catch (error) {
    cLibrary().free(trie);
    cLibrary().free(view);
    throw error;
  }
  return view;
}

/** The references sphinxbase counts on `model` (its own and the decoders' searches'). */
export function modelReferences(model: LanguageModelHandle): number {
  return readNative(model, 4).readInt32LE(REFCOUNT_OFFSET);
}

/**
 * Frees a view made by {@link createThreadView} once no decoder holds it (its reference count is
 * back to the maker's one); the model's arrays are untouched. Returns false, freeing nothing, while
 * a decoder still holds it.
 */
export function freeThreadView(view: LanguageModelHandle): boolean {
  if (modelReferences(view) !== 1) return false;
  cLibrary().free(Number(readNative(view, MODEL_BYTES).readBigUInt64LE(TRIE_POINTER_OFFSET)));
  cLibrary().free(view);
  return true;
}

/**
 * Fails fast when the library's structs are not laid out as above: the view must hold the model's
 * n-gram counts (the same array) and score trigrams exactly as the model does.
 */
function checkView(library: PocketsphinxLibrary, model: LanguageModelHandle, view: LanguageModelHandle): void {
  const countsOf = (handle: LanguageModelHandle) => readNative(handle, MODEL_BYTES).readBigUInt64LE(COUNTS_OFFSET);
  const words = Math.min(library.ngram_model_get_counts(model), 50);
  let same = countsOf(view) === countsOf(model) && words > 2;
  for (let word = 2; same && word < words; word++) {
    same = library.ngram_tg_score(view, word, word - 1, word - 2, [0]) === library.ngram_tg_score(model, word, word - 1, word - 2, [0]);
  }
  if (!same) throw layoutDiffers();
}

function layoutDiffers(): PocketsphinxError {
  return new PocketsphinxError(
    PocketsphinxErrorCode.DecoderFailed,
    "this libsphinxbase lays out its trie language model differently from Debian's 5prealpha build, so decoders cannot " +
      "share one language model: install Debian's libpocketsphinx3/libsphinxbase3, or set TNT_POCKETSPHINX_SHARED_LM=false " +
      '(each decoder then loads its own model, ~97 MB a live stream instead of ~49 MB)',
  );
}

function outOfMemory(): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.DecoderFailed, 'out of memory for a language model view');
}
