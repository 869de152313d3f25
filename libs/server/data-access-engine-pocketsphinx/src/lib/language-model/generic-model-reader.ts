import { readFileSync } from 'node:fs';
import koffi from 'koffi';
import { emptyModel, type BackoffModel } from './backoff-model';

const TRIE_HEADER = 'Trie Language Model';
/** sphinxbase keeps probabilities as logs in base 1.0001; ARPA wants log10. */
const LOG10_PER_LOGMATH_UNIT = Math.log10(1.0001);
/** `ngram_raw_t`: `uint32 *words; float prob; float backoff; uint32 order;`, 24 bytes with padding. */
const RAW_NGRAM_BYTES = 24;
/** `lm_trie_t`: `uint8 *ngram_mem; size_t ngram_mem_size; unigram_t *unigrams; ...` */
const UNIGRAMS_POINTER_OFFSET = 16;
/** `unigram_t`: `float prob; float bo; uint32 next;` */
const UNIGRAM_FLOATS = 3;

/**
 * Reads pocketsphinx's binary trie model (Debian's `en-us.lm.bin`) into memory. Not through
 * `sphinx_lm_convert`: its ARPA writer asserts that the trie holds as many bigrams as the header
 * says, and Debian's model holds 6 fewer (2,051,541 of 2,051,547), so it aborts. This path reads
 * the header and word list itself, lets sphinxbase read the trie (`lm_trie_read_bin`), walks every
 * n-gram with `lm_trie_fill_raw_ngram` into a buffer twice the header's count, and keeps the
 * n-grams the trie really holds.
 */
export function readTrieModel(path: string): BackoffModel {
  const file = readFileSync(path);
  if (file.subarray(0, TRIE_HEADER.length).toString('latin1') !== TRIE_HEADER) {
    throw new Error(`${path} is not a pocketsphinx trie language model (no "${TRIE_HEADER}" header)`);
  }
  const order = file[TRIE_HEADER.length];
  const counts = Array.from({ length: order }, (_, index) => file.readUInt32LE(TRIE_HEADER.length + 1 + 4 * index));
  const libc = koffi.load('libc.so.6');
  const sphinxbase = koffi.load('libsphinxbase.so.3');
  const fopen = libc.func('void *fopen(const char *path, const char *mode)');
  const fseek = libc.func('int fseek(void *fp, long offset, int whence)');
  const ftell = libc.func('long ftell(void *fp)');
  const fclose = libc.func('int fclose(void *fp)');
  const calloc = libc.func('void *calloc(size_t count, size_t size)');
  const free = libc.func('void free(void *pointer)');
  const nodeRange = koffi.struct({ begin: 'uint32', end: 'uint32' });
  const rawNgram = koffi.struct({ words: 'void *', prob: 'float', backoff: 'float', order: 'uint32' });
  const readTrie = sphinxbase.func('void *lm_trie_read_bin(uint32_t *counts, int order, void *fp)');
  const freeTrie = sphinxbase.func('void lm_trie_free(void *trie)');
  const fillRawNgrams = sphinxbase.func('lm_trie_fill_raw_ngram', 'void', [
    'void *',
    'void *',
    koffi.inout(koffi.pointer('uint32_t')),
    'uint32_t *',
    nodeRange,
    'uint32_t *',
    'int',
    'int',
    'int',
  ]);

  const handle = fopen(path, 'rb');
  if (!handle) throw new Error(`cannot open ${path}`);
  let trie: unknown;
  let wordsOffset: number;
  try {
    fseek(handle, TRIE_HEADER.length + 1 + 4 * order, 0);
    trie = readTrie(counts, order, handle);
    wordsOffset = Number(ftell(handle));
  } finally {
    fclose(handle);
  }
  if (!trie) throw new Error(`sphinxbase could not read the trie of ${path}`);
  try {
    // After the trie: int32 byte length of the words, then the words, NUL-terminated, by id.
    const wordBytes = file.readInt32LE(wordsOffset);
    const words = file
      .subarray(wordsOffset + 4, wordsOffset + 4 + wordBytes)
      .toString('latin1')
      .split('\0')
      .slice(0, counts[0]);
    if (words.length !== counts[0]) throw new Error(`${path} lists ${words.length} words for ${counts[0]} unigrams`);
    const model = emptyModel(order);
    const unigramsPointer = koffi.decode(trie, UNIGRAMS_POINTER_OFFSET, 'void *');
    const unigrams = koffi.decode(unigramsPointer, koffi.array('float', counts[0] * UNIGRAM_FLOATS)) as Float32Array;
    words.forEach((word, id) => {
      model.logProbs[0].set(word, unigrams[id * UNIGRAM_FLOATS] * LOG10_PER_LOGMATH_UNIT);
      const backoff = unigrams[id * UNIGRAM_FLOATS + 1] * LOG10_PER_LOGMATH_UNIT;
      if (backoff !== 0) model.backoffs[0].set(word, backoff);
    });
    for (let k = 2; k <= order; k++) {
      const capacity = counts[k - 1] * 2;
      const raw = calloc(capacity, RAW_NGRAM_BYTES);
      try {
        const found = [0];
        fillRawNgrams(trie, raw, found, counts, { begin: 0, end: 0 }, new Array(order).fill(0), 0, k, order);
        if (found[0] > capacity) throw new Error(`${path}: ${found[0]} ${k}-grams overflowed a buffer of ${capacity}`);
        const entries = koffi.decode(raw, koffi.array(rawNgram, found[0])) as { words: unknown; prob: number; backoff: number }[];
        for (const entry of entries) {
          const ids = koffi.decode(entry.words, koffi.array('uint32', k)) as Uint32Array | number[];
          free(entry.words);
          const key = Array.from(ids, (id) => words[id]).join(' ');
          model.logProbs[k - 1].set(key, entry.prob * LOG10_PER_LOGMATH_UNIT);
          const backoff = entry.backoff * LOG10_PER_LOGMATH_UNIT;
          if (k < order && backoff !== 0) model.backoffs[k - 1].set(key, backoff);
        }
      } finally {
        free(raw);
      }
    }
    return model;
  } finally {
    freeTrie(trie);
  }
}
