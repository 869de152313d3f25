import Sentiment from 'sentiment';
import afinnLabels from 'sentiment/languages/en/labels.json';

/**
 * AFINN-165 as it reads contact-centre talk. AFINN scores words as they feel in general writing;
 * a caller's requests are not feelings, so the words a request is made of count for nothing here,
 * and a few words of complaints AFINN lacks are added. Each change is a judgement a team may revisit.
 */
const CONTACT_CENTRE_WORDS: Readonly<Record<string, number>> = {
  // "I'd like to", "I want to", "please", "can you help me", "no, that's all", "yes": requests and answers.
  like: 0,
  want: 0,
  please: 0,
  help: 0,
  no: 0,
  yes: 0,
  // AFINN reads "charged" as accused; on a call it is billing, and only a little negative.
  charged: -1,
  // "this is a joke" is a complaint on a call, not a laugh.
  joke: -2,
  unhelpful: -2,
  overcharged: -2,
  disconnected: -1,
  nightmare: -3,
  // The idioms below, joined into one token before scoring.
  noproblem: 1,
  fedup: -2,
  hungup: -1,
};

/**
 * Phrases that mean something else than their words: "no problem" is reassurance, not a problem
 * (AFINN would score it -3). Each becomes one token with its own score above.
 */
const IDIOMS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:no|not a|not any) (?:problem|problems|worries|worry|trouble)\b/g, 'noproblem'],
  [/\bfed up\b/g, 'fedup'],
  [/\bhung up\b/g, 'hungup'],
];

/**
 * Words that reverse the sentiment of a word up to {@link NEGATION_REACH} tokens after them in the
 * same clause ("not happy", "not very happy", "never been so helpful"), written with and without the
 * apostrophe a speech engine may leave out. The library's own English negation reaches one token and
 * knows twelve negators.
 */
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'neither',
  'nor',
  'without',
  'cannot',
  ...[
    'don',
    'doesn',
    'didn',
    'isn',
    'wasn',
    'aren',
    'weren',
    'can',
    'couldn',
    'won',
    'wouldn',
    'shouldn',
    'haven',
    'hasn',
    'hadn',
    'ain',
  ].flatMap((stem) => [`${stem}'t`, `${stem}t`]),
]);
/** How many tokens after a negator it still reverses. */
const NEGATION_REACH = 3;
/** A negated word counts for this share of its reversed score: "not bad" is milder than "good". */
const NEGATION_WEIGHT = 0.75;

/** The code the contact-centre lexicon is registered under with the library. */
export const CONTACT_CENTRE_LANGUAGE = 'tnt-contact-centre';

/**
 * The library with the contact-centre lexicon registered. The library's `extras` option is not
 * used: it merges the extras into the shared English labels for good (sentiment 5.0.2), so one
 * caller of `analyze` would change every other's scores.
 */
export function contactCentreAnalyzer(): Sentiment {
  const analyzer = new Sentiment();
  analyzer.registerLanguage(CONTACT_CENTRE_LANGUAGE, {
    labels: { ...(afinnLabels as Record<string, number>), ...CONTACT_CENTRE_WORDS },
    scoringStrategy: { apply: negationAware },
  });
  return analyzer;
}

function negationAware(tokens: string[], cursor: number, tokenScore: number): number {
  for (let back = 1; back <= NEGATION_REACH && cursor - back >= 0; back++) {
    if (NEGATORS.has(tokens[cursor - back])) return -tokenScore * NEGATION_WEIGHT;
  }
  return tokenScore;
}

/** `text` lower-cased with its idioms joined into their tokens. */
export function joinIdioms(text: string): string {
  let joined = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const [pattern, token] of IDIOMS) joined = joined.replace(pattern, token);
  return joined;
}
