import type { RecognizedWord } from './pocketsphinx-decoder';

/** A hypothesis reduced to what a transcript shows: spoken words, their span and confidence. */
export interface SpokenHypothesis {
  /** Spoken words without fillers or pronunciation-variant suffixes. */
  readonly words: readonly string[];
  readonly text: string;
  /** Offset of the first spoken word from the start of the stream. */
  readonly startMs: number;
  /** Offset of the end of the last spoken word from the start of the stream. */
  readonly endMs: number;
  /** Mean word posterior, 0..1 (meaningful for final hypotheses only). */
  readonly meanPosterior: number;
}

/** True for the decoder's non-speech tokens: `<s>`, `</s>`, `<sil>`, `[NOISE]`, `+BREATH+`. */
export function isFiller(word: string): boolean {
  return /^(<.*>|\[.*\]|\+.*\+)$/.test(word);
}

/** Strips a pronunciation-variant suffix: `to(2)` becomes `to`. */
export function baseWord(word: string): string {
  return word.replace(/\(\d+\)$/, '');
}

/**
 * Reduces a segmentation to its spoken words, or `null` when nothing was said. Frames are
 * inclusive, so a word ending in frame `f` ends at `(f + 1) * frameDurationMs`.
 */
export function toSpokenHypothesis(segmentation: readonly RecognizedWord[], frameDurationMs: number): SpokenHypothesis | null {
  const spoken = segmentation.filter((entry) => !isFiller(entry.word));
  if (spoken.length === 0) return null;
  const words = spoken.map((entry) => baseWord(entry.word));
  return {
    words,
    text: words.join(' '),
    startMs: spoken[0].startFrame * frameDurationMs,
    endMs: (spoken[spoken.length - 1].endFrame + 1) * frameDurationMs,
    meanPosterior: spoken.reduce((sum, entry) => sum + entry.posterior, 0) / spoken.length,
  };
}

/**
 * Share of `words` that the previous interim already had in the same leading positions. The
 * decoder has no posteriors for partial hypotheses, so an interim's confidence is how settled
 * it is: 0 for the first interim of an utterance, nearing 1 as its words stop changing.
 */
export function prefixStability(previousWords: readonly string[], words: readonly string[]): number {
  let agreed = 0;
  while (agreed < words.length && agreed < previousWords.length && words[agreed] === previousWords[agreed]) agreed++;
  return words.length === 0 ? 0 : agreed / words.length;
}
