import { TestingError } from './testing-error';
import { normalizeWords, WordErrorTotals, wordErrorRate } from './word-error-rate';

describe('normalizeWords', () => {
  it('lower-cases, drops punctuation and keeps apostrophes inside words', () => {
    expect(normalizeWords("Hi, I DON'T know… it's \u2018fine\u2019 — e-mail me!")).toEqual([
      'hi',
      'i',
      "don't",
      'know',
      "it's",
      'fine',
      'e',
      'mail',
      'me',
    ]);
    expect(normalizeWords('  ...  ')).toEqual([]);
  });
});

describe('wordErrorRate', () => {
  it('is zero for the same words whatever the case and punctuation', () => {
    expect(wordErrorRate('Hello, how are you?', 'hello how are you')).toEqual({
      rate: 0,
      substitutions: 0,
      deletions: 0,
      insertions: 0,
      hits: 4,
      referenceWords: 4,
      hypothesisWords: 4,
    });
  });

  it('counts a substitution, a deletion and an insertion separately', () => {
    const score = wordErrorRate('please reset my password now', 'police reset password now thanks');
    expect(score).toMatchObject({ substitutions: 1, deletions: 1, insertions: 1, hits: 3, referenceWords: 5, hypothesisWords: 5 });
    expect(score.rate).toBeCloseTo(3 / 5, 12);
  });

  it('scores an empty hypothesis as every word deleted', () => {
    expect(wordErrorRate('reset my password', '')).toMatchObject({ rate: 1, deletions: 3, hits: 0 });
  });

  it('can exceed one when the hypothesis adds more words than the reference has', () => {
    expect(wordErrorRate('yes', 'yes yes yes')).toMatchObject({ rate: 2, insertions: 2, hits: 1 });
  });

  it('prefers a substitution to a deletion plus an insertion', () => {
    expect(wordErrorRate('one two three', 'one too three')).toMatchObject({ substitutions: 1, deletions: 0, insertions: 0 });
  });

  it('finds the cheapest alignment when words shift position', () => {
    // "order number" moved: the distance is 4 (2 deletions + 2 insertions), not 6 substitutions.
    const score = wordErrorRate('order number seven two one three', 'seven two one three order number');
    expect(score.substitutions + score.deletions + score.insertions).toBe(4);
    expect(score.hits).toBe(4);
  });

  it('refuses an empty reference with TESTING_ERR_EMPTY_REFERENCE', () => {
    expect(() => wordErrorRate(' , ', 'hello')).toThrow(TestingError);
    expect(() => wordErrorRate('', 'hello')).toThrow(expect.objectContaining({ code: 'TESTING_ERR_EMPTY_REFERENCE' }));
  });
});

describe('WordErrorTotals', () => {
  it('pools errors over reference words, so a long text weighs more than a short one', () => {
    const totals = new WordErrorTotals();
    totals.add('yes', 'no');
    totals.add('one two three four five six seven eight nine', 'one two three four five six seven eight nine');
    expect({ errors: totals.errors, referenceWords: totals.referenceWords }).toEqual({ errors: 1, referenceWords: 10 });
    expect(totals.rate).toBeCloseTo(0.1, 12);
  });

  it('has no rate before anything is added', () => {
    expect(new WordErrorTotals().rate).toBeNaN();
  });
});
