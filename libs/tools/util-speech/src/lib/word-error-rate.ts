import { SpeechError, SpeechErrorCode } from './speech-error';

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
 * @throws SpeechError `SPEECH_ERR_EMPTY_REFERENCE` when the reference has no words.
 */
export function wordErrorRate(reference: string, hypothesis: string): WordErrorRate {
  const expected = normalizeWords(reference);
  const heard = normalizeWords(hypothesis);
  if (expected.length === 0) {
    throw new SpeechError(SpeechErrorCode.EmptyReference, `Cannot score against an empty reference (hypothesis: "${hypothesis}")`);
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
  const counts = { hits: 0, substitutions: 0, deletions: 0, insertions: 0 };
  for (let r = expected.length, h = heard.length; r > 0 || h > 0; ) {
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
  return {
    rate: (counts.substitutions + counts.deletions + counts.insertions) / expected.length,
    ...counts,
    referenceWords: expected.length,
    hypothesisWords: heard.length,
  };
}
