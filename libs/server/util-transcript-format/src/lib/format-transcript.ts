import { formatAddresses } from './addresses';
import { BUILT_IN_PROPER_NOUNS } from './lexicon';
import { formatNumbers } from './numbers';
import { ProperNounLexicon } from './proper-nouns';
import { capitalizeI, endSentence, punctuateClauses, sentenceCase } from './sentences';
import { detokenize, tokenize } from './tokens';

/** Options of {@link createTranscriptFormatter}. */
export interface TranscriptFormatterOptions {
  /**
   * Proper nouns to write as given (`Acme`, `Jane Miller`, `TnT`), besides the built-in lexicon;
   * an entry here replaces a built-in one with the same words.
   */
  readonly properNouns?: readonly string[];
}

/** What is known about the text being formatted. */
export interface FormatContext {
  /**
   * True for a final segment: it gets terminal punctuation. An interim is formatted the same way
   * otherwise, so that it does not jump when its final replaces it, but its sentence is not over.
   */
  readonly isFinal: boolean;
}

/** Turns a speech engine's words into readable text; see {@link createTranscriptFormatter}. */
export type TranscriptFormatter = (text: string, context: FormatContext) => string;

/**
 * A formatter from lower case, unpunctuated engine words to readable text, by rules only (no
 * model, nothing learnt): e-mail and web addresses joined (`jane dot miller at example dot com` →
 * `jane.miller@example.com`), numbers, amounts, dates and times as digits (`twenty nine dollars` →
 * `$29`, `the fourth of march` → `March 4th`), `I`, known proper nouns, a comma after an opening
 * "hi" or "thank you" and before a question that follows a statement, sentence case, and a final
 * `.` or `?`. Punctuation and capitals an engine already wrote are kept.
 *
 * The rules favour leaving words alone over guessing: a lone "one", "first" or "may" stays a word.
 */
export function createTranscriptFormatter(options: TranscriptFormatterOptions = {}): TranscriptFormatter {
  const lexicon = new ProperNounLexicon([...BUILT_IN_PROPER_NOUNS, ...(options.properNouns ?? [])]);
  return (text, context) => {
    const words = tokenize(text);
    if (words.length === 0) return text;
    const joined = formatNumbers(formatAddresses(words));
    const named = lexicon.apply(capitalizeI(joined));
    const { tokens, question } = punctuateClauses(named);
    const cased = sentenceCase(tokens);
    return detokenize(context.isFinal ? endSentence(cased, question) : cased);
  };
}
