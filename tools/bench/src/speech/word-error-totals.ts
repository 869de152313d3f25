import { wordErrorRate } from '@tnt/tools/util-speech';

/** Word errors summed over many (reference, hypothesis) pairs, so long texts weigh more. */
export class WordErrorTotals {
  private errors = 0;
  private words = 0;

  /** Adds one pair. */
  add(reference: string, hypothesis: string): void {
    const result = wordErrorRate(reference, hypothesis);
    this.errors += result.substitutions + result.deletions + result.insertions;
    this.words += result.referenceWords;
  }

  /** Errors per reference word over everything added. */
  get rate(): number {
    return this.words === 0 ? Number.NaN : this.errors / this.words;
  }
}
