import { arpaLines, logProbability, type BackoffModel } from './backoff-model';
import { DomainInputError, parseDomainText, parseVocabulary } from './domain-text';
import { chooseDomainWeight, interpolateModels, mixturePerplexity } from './interpolation';
import { fliteToCmuPhones } from './letter-to-sound';
import { buildWittenBell, SENTENCE_END, SENTENCE_START } from './witten-bell';

const tokens = (text: string) => text.split('\n').map((line) => line.split(' '));
const SUPPORT = tokens('my router is down\nmy router is slow\nthe router is down again\nplease restart the router');
const GENERAL = tokens('the cat is on the mat\nmy dog is slow\nthe weather is nice again\nplease pass the salt');

/** Σ over `vocabulary` (and </s>) of P(w | history): 1 for a proper distribution. */
function totalProbability(model: BackoffModel, history: string[]): number {
  const words = [...model.logProbs[0].keys()].filter((word) => word !== SENTENCE_START);
  return words.reduce((sum, word) => sum + 10 ** logProbability(model, history, word), 0);
}

describe('Witten-Bell domain model', () => {
  const vocabulary = [...new Set([...SUPPORT.flat(), ...GENERAL.flat()])];
  const model = buildWittenBell(SUPPORT, 3, vocabulary);

  it('gives every context a distribution summing to one, unseen vocabulary words included', () => {
    for (const history of [[], ['my'], ['router'], ['my', 'router'], ['router', 'is'], ['cat'], [SENTENCE_START], ['the', 'weather']]) {
      expect(totalProbability(model, history)).toBeCloseTo(1, 6);
    }
  });

  it('prefers what the domain text says over what it never says', () => {
    expect(logProbability(model, ['router', 'is'], 'down')).toBeGreaterThan(logProbability(model, ['router', 'is'], 'nice'));
    expect(logProbability(model, [], 'weather')).toBeGreaterThan(-99);
  });

  it('writes ARPA with counts matching the n-grams listed', () => {
    const lines = [...arpaLines(model)];
    const bigrams = lines.indexOf('\\2-grams:');
    const trigrams = lines.indexOf('\\3-grams:');
    expect(lines).toContain(`ngram 2=${trigrams - bigrams - 2}`);
    expect(lines.at(-1)).toBe('\\end\\');
  });
});

describe('interpolation with the generic model', () => {
  const vocabulary = [...new Set([...SUPPORT.flat(), ...GENERAL.flat()])];
  const generic = buildWittenBell(GENERAL, 3, vocabulary);
  const domain = buildWittenBell(SUPPORT, 3, vocabulary);

  it('is the generic model at weight 0 and the domain model at weight 1, on every listed n-gram', () => {
    const atZero = interpolateModels(generic, domain, 0);
    const atOne = interpolateModels(generic, domain, 1);
    for (const [history, word] of [
      [['my'], 'router'],
      [['the'], 'cat'],
      [['is'], 'down'],
      [[], SENTENCE_END],
    ] as const) {
      expect(logProbability(atZero, [...history], word)).toBeCloseTo(logProbability(generic, [...history], word), 6);
      expect(logProbability(atOne, [...history], word)).toBeCloseTo(logProbability(domain, [...history], word), 6);
    }
  });

  it('keeps every context a distribution summing to one', () => {
    const mixed = interpolateModels(generic, domain, 0.4);
    for (const history of [[], ['my'], ['the'], ['router', 'is'], ['is', 'on'], ['salt']]) {
      expect(totalProbability(mixed, history)).toBeCloseTo(1, 6);
    }
  });

  it('chooses the weight with the lowest held-back perplexity, never above the cap', () => {
    const heldBack = tokens('my router is down again');
    const uncapped = chooseDomainWeight(generic, domain, heldBack, 1);
    const best = Math.min(...uncapped.perplexities.map((entry) => entry.perplexity));
    expect(mixturePerplexity(generic, domain, uncapped.domainWeight, heldBack)).toBeCloseTo(best, 9);
    expect(uncapped.domainWeight).toBeGreaterThan(0.5);
    expect(chooseDomainWeight(generic, domain, heldBack, 0.3).domainWeight).toBe(0.3);
  });
});

describe('domain text and vocabulary files', () => {
  it('tokenise sentences, dropping punctuation and comments', () => {
    expect(parseDomainText("# script\nHello, my Router is down!\n\nIt isn't working.", 'text.txt')).toEqual([
      ['hello', 'my', 'router', 'is', 'down'],
      ['it', "isn't", 'working'],
    ]);
  });

  it('name the file and line of a sentence with digits', () => {
    expect(() => parseDomainText('fine line\nmy account is 45', 'text.txt')).toThrow(
      new DomainInputError('text.txt', 2, '"45" has digits: spell numbers as words ("four five" for 45)'),
    );
  });

  it('read words, phrases and given pronunciations, and name the line of an unknown phone', () => {
    expect(parseVocabulary('gigabit\nmesh extender\ntnt  T IY EH N T IY', 'vocab.txt')).toEqual([
      { words: ['gigabit'] },
      { words: ['mesh', 'extender'] },
      { words: ['tnt'], pronunciation: ['T', 'IY', 'EH', 'N', 'T', 'IY'] },
    ]);
    expect(() => parseVocabulary('ok\nzyx  Z Q', 'vocab.txt')).toThrow('vocab.txt line 2: unknown phones Q');
  });
});

describe('flite letter-to-sound phones', () => {
  it('map to the en-us set: pauses dropped, stress removed, reduced vowels renamed', () => {
    expect(fliteToCmuPhones('pau hh ax l ow1 b r ao1 d b ae1 n d r uw1 t axr pau')).toEqual(
      'HH AH L OW B R AO D B AE N D R UW T ER'.split(' '),
    );
  });
});
