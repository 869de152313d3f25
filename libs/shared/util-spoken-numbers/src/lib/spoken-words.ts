/**
 * The words a reader walks, seen through their lower-case form. Each caller keeps its own tokens
 * (a formatter's, a redactor's) and lends them to the readers through this view.
 */
export interface SpokenWords {
  readonly length: number;
  /** The lower-case word at `index`; `''` past the end, or where no number may be read (a word a rule already wrote). */
  keyAt(index: number): string;
  /** True when a number does not go on past the word at `index` (punctuation follows it: `five, six`). */
  endsRunAt(index: number): boolean;
}

/** A view of lower-case words with no punctuation between them. */
export function spokenWords(words: readonly string[]): SpokenWords {
  return { length: words.length, keyAt: (index) => words[index] ?? '', endsRunAt: () => false };
}
