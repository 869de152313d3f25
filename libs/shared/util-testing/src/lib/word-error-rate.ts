import { TestingError, TestingErrorCode } from './testing-error';

/** How far a hypothesis is from its reference, counted in words. */
export interface WordErrorRate {
  /** (substitutions + deletions + insertions) / referenceWords; 0 is perfect and it can exceed 1. */
  readonly rate: number;
  /** Reference words replaced by a different word. */
  readonly substitutions: number;
  /** Reference words missing from the hypothesis. */
  readonly deletions: number;
  /** Hypothesis words with no counterpart in the reference. */
  readonly insertions: number;
  /** Reference words found in place. */
  readonly hits: number;
  /** Words in the normalised reference. */
  readonly referenceWords: number;
  /** Words in the normalised hypothesis. */
  readonly hypothesisWords: number;
}

/**
 * Splits text into comparable words: lower case, punctuation removed (apostrophes inside words
 * such as "don't" are kept, since recognisers' dictionaries spell words that way).
 */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .split(' ')
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word.length > 0);
}

/** The edit that reached a cell of the alignment table, for the backtrace. */
const Step = { Match: 0, Substitute: 1, Delete: 2, Insert: 3 } as const;

/**
 * Word error rate of `hypothesis` against `reference`: the word-level Levenshtein distance after
 * {@link normalizeWords}, with the edit counts of one cheapest alignment. Among equally cheap
 * alignments, substitutions are preferred over a deletion plus an insertion.
 * @throws TestingError `TESTING_ERR_EMPTY_REFERENCE` when the reference has no words.
 */
export function wordErrorRate(reference: string, hypothesis: string): WordErrorRate {
  const expected = normalizeWords(reference);
  const heard = normalizeWords(hypothesis);
  if (expected.length === 0) {
    throw new TestingError(TestingErrorCode.EmptyReference, `Cannot score against an empty reference (hypothesis: "${hypothesis}")`);
  }
  const columns = heard.length + 1;
  // cost[r * columns + h]: edits to turn the first r reference words into the first h heard words.
  const cost = new Uint32Array((expected.length + 1) * columns);
  const step = new Uint8Array((expected.length + 1) * columns);
  for (let h = 1; h < columns; h++) {
    cost[h] = h;
    step[h] = Step.Insert;
  }
  for (let r = 1; r <= expected.length; r++) {
    cost[r * columns] = r;
    step[r * columns] = Step.Delete;
    for (let h = 1; h < columns; h++) {
      const same = expected[r - 1] === heard[h - 1];
      let best = cost[(r - 1) * columns + h - 1] + (same ? 0 : 1);
      let bestStep: number = same ? Step.Match : Step.Substitute;
      const deleting = cost[(r - 1) * columns + h] + 1;
      if (deleting < best) {
        best = deleting;
        bestStep = Step.Delete;
      }
      const inserting = cost[r * columns + h - 1] + 1;
      if (inserting < best) {
        best = inserting;
        bestStep = Step.Insert;
      }
      cost[r * columns + h] = best;
      step[r * columns + h] = bestStep;
    }
  }
  return { ...countEdits(step, columns, expected.length, heard.length), referenceWords: expected.length, hypothesisWords: heard.length };
}

/** Walks the alignment back from its last cell, counting each kind of edit on the way. */
function countEdits(step: Uint8Array, columns: number, referenceWords: number, hypothesisWords: number) {
  const counts = { rate: 0, hits: 0, substitutions: 0, deletions: 0, insertions: 0 };
  for (let r = referenceWords, h = hypothesisWords; r > 0 || h > 0;) {
    switch (step[r * columns + h]) {
      case Step.Match:
        counts.hits++;
        r--;
        h--;
        break;
      case Step.Substitute:
        counts.substitutions++;
        r--;
        h--;
        break;
      case Step.Delete:
        counts.deletions++;
        r--;
        break;
      case Step.Insert:
        counts.insertions++;
        h--;
        break;
    }
  }
  counts.rate = (counts.substitutions + counts.deletions + counts.insertions) / referenceWords;
  return counts;
}

/**
 * Word errors summed over many (reference, hypothesis) pairs, so that long texts weigh more than
 * short ones (the pooled rate, not the mean of per-pair rates). Keeps two numbers, whatever the count.
 */
export class WordErrorTotals {
  private errorCount = 0;
  private wordCount = 0;

  /** Scores one pair with {@link wordErrorRate} and adds it; returns that pair's score. */
  add(reference: string, hypothesis: string): WordErrorRate {
    const score = wordErrorRate(reference, hypothesis);
    this.addScore(score);
    return score;
  }

  /** Adds a pair already scored by {@link wordErrorRate}. */
  addScore(score: WordErrorRate): void {
    this.errorCount += score.substitutions + score.deletions + score.insertions;
    this.wordCount += score.referenceWords;
  }

  /** Edits (substitutions + deletions + insertions) over everything added. */
  get errors(): number {
    return this.errorCount;
  }

  /** Reference words over everything added. */
  get referenceWords(): number {
    return this.wordCount;
  }

  /** Errors per reference word over everything added; `NaN` before anything is added. */
  get rate(): number {
    return this.wordCount === 0 ? Number.NaN : this.errorCount / this.wordCount;
  }
}
