import { keytermsOf } from './transcription-engine.provider';

describe('keytermsOf: the vocabulary file as Deepgram keyterms', () => {
  it('sends each word and phrase once, lower-cased by the vocabulary parser, without pronunciations or comments', () => {
    const text = '# plans\nPremium Plan\ntnt  T IY EH N T IY\nrouter\npremium plan\n';
    expect(keytermsOf({ path: 'vocabulary.txt', text })).toEqual(['premium plan', 'tnt', 'router']);
  });

  it('sends none without a vocabulary file', () => {
    expect(keytermsOf(null)).toEqual([]);
  });

  it('names the file and line of an entry the parser refuses', () => {
    expect(() => keytermsOf({ path: 'vocabulary.txt', text: 'router\nplan 29\n' })).toThrow('vocabulary.txt line 2: "29" has digits');
  });

  it('refuses more entries than Deepgram takes instead of cutting the list silently', () => {
    const text = Array.from({ length: 101 }, (_, index) => `term${String.fromCharCode(97 + (index % 26))}${'x'.repeat(index)}`).join('\n');
    expect(() => keytermsOf({ path: 'big.txt', text })).toThrow('big.txt: 101 words and phrases, Deepgram takes at most 100 keyterms');
  });
});
