/** Lower-cases and strips punctuation so a reference sentence compares with decoder output. */
export function normalizeTranscript(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** Word-level edit distance (substitutions + deletions + insertions) and reference length. */
export function wordErrors(reference: string, hypothesis: string): { errors: number; referenceWords: number } {
  const expected = normalizeTranscript(reference);
  const heard = normalizeTranscript(hypothesis);
  let previousRow = Array.from({ length: heard.length + 1 }, (_, column) => column);
  for (let row = 1; row <= expected.length; row++) {
    const currentRow = [row];
    for (let column = 1; column <= heard.length; column++) {
      const substitution = previousRow[column - 1] + (expected[row - 1] === heard[column - 1] ? 0 : 1);
      currentRow[column] = Math.min(previousRow[column] + 1, currentRow[column - 1] + 1, substitution);
    }
    previousRow = currentRow;
  }
  return { errors: previousRow[heard.length], referenceWords: expected.length };
}

/** Word error rate of `hypothesis` against `reference`: edit distance over reference length. */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const { errors, referenceWords } = wordErrors(reference, hypothesis);
  return referenceWords === 0 ? (errors === 0 ? 0 : 1) : errors / referenceWords;
}
