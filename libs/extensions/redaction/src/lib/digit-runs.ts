import { digitValue, numberWord, readBelowHundred, spokenWords } from '@tnt/shared/util-spoken-numbers';
import type { SpokenToken } from './spoken-tokens';

/** Words a recogniser writes for zero between other digits (`five oh two`), besides `zero` itself. */
const ZERO_WORDS = new Set(['oh', 'o']);
/** Words that say the next digit more than once (`double five`). */
const REPEATS: ReadonlyMap<string, number> = new Map([
  ['double', 2],
  ['triple', 3],
]);
/** Words said between the digits of one number, which do not end it. */
const WITHIN_NUMBER = new Set(['dash', 'hyphen', '-', 'uh', 'um', 'er', 'ah', 'eh', 'hmm']);
/** A number as a formatter or a person writes it: `4111`, `(555)`, `123-4567`, `+1`, `555.123.4567`. */
const WRITTEN_NUMBER = /^\+?\(?\d[\d().-]*$/;

/** True when `word` may be a written number: it starts with a digit, `+` or `(` (see {@link WRITTEN_NUMBER}). */
function mayBeWritten(word: string): boolean {
  const code = word.charCodeAt(0);
  return (code >= 48 && code <= 57) || code === 43 || code === 40;
}

/**
 * True when a run of digits can start at `word`: `plus`, a written number, `double`/`triple`, `oh`,
 * or a number word. Most words are none of these, and {@link findDigitRuns} passes them without
 * reading further.
 */
function mayStartRun(word: string): boolean {
  return word === 'plus' || mayBeWritten(word) || REPEATS.has(word) || ZERO_WORDS.has(word) || numberWord(word) !== undefined;
}

/** Consecutive words that say one number, and its digits. */
export interface DigitRun {
  /** Index of its first token. */
  readonly first: number;
  /** Index after its last token. */
  readonly end: number;
  readonly digits: string;
  /** True when it starts with `plus` or `+` (an international phone number). */
  readonly international: boolean;
}

/** The digit a word says (`zero` … `nine`, `oh`, `o`), as text. */
function digitOf(word: string | undefined): string | undefined {
  if (word !== undefined && ZERO_WORDS.has(word)) return '0';
  const digit = digitValue(word);
  return digit === undefined ? undefined : String(digit);
}

/** True when the word says (or writes) at least one digit. */
export function isNumberWord(word: string | undefined): boolean {
  if (word === undefined) return false;
  const found = numberWord(word);
  return digitOf(word) !== undefined || (found !== undefined && !found.ordinal) || REPEATS.has(word) || WRITTEN_NUMBER.test(word);
}

/** The digits of a number below 100 said at `index` (`forty two`, `twelve`, `seven`, `oh`), and the tokens it took. */
function belowHundred(words: readonly string[], index: number): { digits: string; used: number } | undefined {
  if (ZERO_WORDS.has(words[index])) return { digits: '0', used: 1 };
  const number = readBelowHundred(spokenWords(words), index);
  return number && { digits: String(number.value), used: number.length };
}

/**
 * Reads one piece of a number at `index`: a written number, `double five`, `five hundred twenty`,
 * `two thousand and five`, `nineteen`, `forty two`, or one digit. Undefined when no number starts there.
 */
function numberPiece(words: readonly string[], index: number): { digits: string; used: number } | undefined {
  const word = words[index];
  if (WRITTEN_NUMBER.test(word)) return { digits: word.replace(/\D/g, ''), used: 1 };
  const times = REPEATS.get(word);
  const repeated = digitOf(words[index + 1]);
  if (times !== undefined && repeated !== undefined) return { digits: repeated.repeat(times), used: 2 };
  const head = belowHundred(words, index);
  if (!head) return undefined;
  const scale = words[index + head.used];
  if (scale !== 'hundred' && scale !== 'thousand') return head;
  const width = scale === 'hundred' ? 2 : 3;
  let next = index + head.used + 1;
  if (words[next] === 'and') next++;
  const rest = belowHundred(words, next);
  if (!rest) return { digits: head.digits + '0'.repeat(width), used: head.used + 1 };
  return { digits: head.digits + rest.digits.padStart(width, '0'), used: next + rest.used - index };
}

/**
 * Every run of words that says digits, written or spoken (`four one one one`, `4111 1111`,
 * `double five`, `nineteen eighty five`), with fillers and dashes inside a run allowed. `oh` counts
 * as zero only next to other digits, so the interjection is left alone.
 */
export function findDigitRuns(tokens: readonly SpokenToken[]): DigitRun[] {
  const words = tokens.map((token) => token.word);
  const runs: DigitRun[] = [];
  let index = 0;
  while (index < words.length) {
    if (!mayStartRun(words[index])) {
      index++;
      continue;
    }
    const international = words[index] === 'plus' && isNumberWord(words[index + 1]);
    const first = index;
    let cursor = international ? index + 1 : index;
    let digits = '';
    let end = cursor;
    for (;;) {
      const word = words[cursor];
      if (word === undefined) break;
      if (ZERO_WORDS.has(word) && digits === '' && !isNumberWord(words[cursor + 1])) break;
      const piece = numberPiece(words, cursor);
      if (piece) {
        digits += piece.digits;
        cursor += piece.used;
        end = cursor;
        continue;
      }
      if (digits !== '' && WITHIN_NUMBER.has(word) && isNumberWord(words[cursor + 1])) {
        cursor++;
        continue;
      }
      break;
    }
    if (digits === '') {
      index++;
      continue;
    }
    runs.push({ first, end, digits, international: international || words[first].startsWith('+') });
    index = end;
  }
  return runs;
}
