import { baseWord, isFiller, prefixStability, toSpokenHypothesis } from './hypothesis';

const word = (text: string, startFrame: number, endFrame: number, posterior = 1) => ({ word: text, startFrame, endFrame, posterior });

describe('toSpokenHypothesis', () => {
  it('drops fillers and variant suffixes and times the spoken words in milliseconds', () => {
    const hypothesis = toSpokenHypothesis(
      [
        word('<s>', 0, 11),
        word('hello(2)', 12, 40, 0.8),
        word('<sil>', 41, 50),
        word('[NOISE]', 51, 55),
        word('there', 56, 80, 0.4),
        word('</s>', 81, 90),
      ],
      10,
    );

    expect(hypothesis).toEqual({
      words: ['hello', 'there'],
      text: 'hello there',
      startMs: 120,
      endMs: 810,
      meanPosterior: expect.closeTo(0.6, 10),
    });
  });

  it('is null when only fillers were heard', () => {
    expect(toSpokenHypothesis([word('<s>', 0, 30), word('</s>', 31, 60)], 10)).toBeNull();
  });
});

describe('isFiller and baseWord', () => {
  it('recognises every filler form of the en-us noise dictionary', () => {
    expect(['<s>', '</s>', '<sil>', '[NOISE]', '[SPEECH]', '+BREATH+'].every(isFiller)).toBe(true);
    expect(isFiller("aren't")).toBe(false);
  });

  it('keeps words whose parentheses are not a variant number', () => {
    expect(baseWord('to(3)')).toBe('to');
    expect(baseWord('read')).toBe('read');
  });
});

describe('prefixStability', () => {
  it('is 0 for the first interim and the share of agreed leading words afterwards', () => {
    expect(prefixStability([], ['i', 'would'])).toBe(0);
    expect(prefixStability(['i', 'would', 'like'], ['i', 'would', 'like', 'to'])).toBe(0.75);
    expect(prefixStability(['the', 'boat'], ['the', 'quick', 'brown'])).toBeCloseTo(1 / 3);
  });
});
