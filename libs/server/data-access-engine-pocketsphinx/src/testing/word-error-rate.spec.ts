import { normalizeTranscript, wordErrorRate, wordErrors } from './word-error-rate';

describe('wordErrorRate', () => {
  it('is 0 for the same words whatever the case and punctuation', () => {
    expect(wordErrorRate('Hello, my name is John.', 'hello my name is john')).toBe(0);
  });

  it('counts a substitution, a deletion and an insertion once each', () => {
    expect(wordErrors('the quick brown fox', 'the quack fox jumps')).toEqual({ errors: 3, referenceWords: 4 });
  });

  it('divides by the reference length', () => {
    expect(wordErrorRate('one two three four', 'one two three')).toBe(0.25);
  });

  it('keeps apostrophes inside words', () => {
    expect(normalizeTranscript("I'm calling, aren't I?")).toEqual(["i'm", 'calling', "aren't", 'i']);
  });
});
