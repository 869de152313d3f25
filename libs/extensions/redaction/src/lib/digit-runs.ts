import type { SpokenToken } from './spoken-tokens';

const UNITS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const TEENS: Readonly<Record<string, string>> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
};
const TENS: Readonly<Record<string, string>> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
};
const REPEATS: Readonly<Record<string, number>> = { double: 2, triple: 3 };
/** Words said between the digits of one number, which do not end it. */
const WITHIN_NUMBER = new Set(['dash', 'hyphen', '-', 'uh', 'um', 'er', 'ah', 'eh', 'hmm']);
/** A number as a formatter or a person writes it: `4111`, `(555)`, `123-4567`, `+1`, `555.123.4567`. */
const WRITTEN_NUMBER = /^\+?\(?\d[\d().-]*$/;

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

function isUnit(word: string | undefined): boolean {
  return word !== undefined && word in UNITS;
}

/** True when the word says (or writes) at least one digit. */
export function isNumberWord(word: string | undefined): boolean {
  return word !== undefined && (isUnit(word) || word in TEENS || word in TENS || word in REPEATS || WRITTEN_NUMBER.test(word));
}

/** The digits of a number below 100 said at `index` (`forty two`, `twelve`, `seven`), and the tokens it took. */
function belowHundred(words: readonly string[], index: number): { digits: string; used: number } | undefined {
  const word = words[index];
  if (word in TEENS) return { digits: TEENS[word], used: 1 };
  if (word in TENS) {
    const next = words[index + 1];
    if (isUnit(next) && next !== 'oh' && next !== 'o' && next !== 'zero') return { digits: TENS[word] + UNITS[next], used: 2 };
    return { digits: `${TENS[word]}0`, used: 1 };
  }
  if (isUnit(word)) return { digits: UNITS[word], used: 1 };
  return undefined;
}

/**
 * Reads one piece of a number at `index`: a written number, `double five`, `five hundred twenty`,
 * `two thousand and five`, `nineteen`, `forty two`, or one digit. Undefined when no number starts there.
 */
function numberPiece(words: readonly string[], index: number): { digits: string; used: number } | undefined {
  const word = words[index];
  if (WRITTEN_NUMBER.test(word)) return { digits: word.replace(/\D/g, ''), used: 1 };
  if (word in REPEATS && isUnit(words[index + 1])) return { digits: UNITS[words[index + 1]].repeat(REPEATS[word]), used: 2 };
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
    const international = words[index] === 'plus' && isNumberWord(words[index + 1]);
    const first = index;
    let cursor = international ? index + 1 : index;
    let digits = '';
    let end = cursor;
    for (;;) {
      const word = words[cursor];
      if (word === undefined) break;
      if ((word === 'oh' || word === 'o') && digits === '' && !isNumberWord(words[cursor + 1])) break;
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
