import { CONTACT_CENTRE_LANGUAGE, contactCentreAnalyzer, joinIdioms } from './contact-centre-lexicon';

/** A segment's lexicon-based sentiment. */
export interface SentimentScore {
  /** From -1 (negative) through 0 (neutral) to 1 (positive), see {@link normaliseSentiment}. */
  readonly score: number;
  /** The sum of the word scores (AFINN -5..5 each, after negation) it was made from. */
  readonly sum: number;
  /** The words that scored, for a reader who wants to know why. */
  readonly words: readonly string[];
}

/** How steeply a sum of word scores approaches ±1: one strong word (±3) reads ±0.61, two read ±0.84. */
const NORMALISATION_ALPHA = 15;

const analyzer = contactCentreAnalyzer();

/**
 * Scores what was said, word by word, with AFINN-165 as the contact-centre lexicon adjusts it
 * (`sentiment` library; negation reaches three words within a clause; "no problem" is reassurance).
 * Each clause (split at . , ; : ! ?) is scored on its own so that "no, I'm happy" is not negated.
 * Lexicon-based: it counts words, it does not hear tone or sarcasm.
 */
export function scoreSentiment(text: string): SentimentScore {
  let sum = 0;
  const words: string[] = [];
  for (const clause of joinIdioms(text).split(/[.,;:!?]+/)) {
    if (clause.trim() === '') continue;
    const result = analyzer.analyze(clause, { language: CONTACT_CENTRE_LANGUAGE });
    sum += result.score;
    words.push(...result.words.reverse());
  }
  return { score: normaliseSentiment(sum), sum, words };
}

/**
 * A sum of word scores as a score from -1 to 1: `sum / sqrt(sum² + 15)`, rounded to 3 places.
 * The library's `comparative` (sum ÷ token count) is not used: it shrinks with the length of the
 * segment, so a long complaint would read milder than a short one, and a segment is as long as
 * the speech engine's pauses make it, not as the caller's mood.
 */
export function normaliseSentiment(sum: number): number {
  return Math.round((sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)) * 1000) / 1000;
}
