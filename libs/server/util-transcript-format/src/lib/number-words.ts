import { wordTable, type Token } from './tokens';

const UNITS = wordTable<number>({ zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 });
const TEENS = wordTable<number>({
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
});
const TENS = wordTable<number>({ twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 });
const SCALES = wordTable<number>({ thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 });

const UNIT_ORDINALS = wordTable<number>({
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
});
const TEEN_ORDINALS = wordTable<number>({
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
});
const TENS_ORDINALS = wordTable<number>({
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
});

/** A number read from spoken words. */
export interface SpokenNumber {
  /** Its value; a decimal (`three point five`) has a fraction. */
  readonly value: number;
  /** How many tokens it took. */
  readonly length: number;
  /** True for `fourth`, `twenty first`. */
  readonly ordinal: boolean;
  /** The digits as written after `point` (`point zero five` → `05`), so leading zeros survive. */
  readonly decimals?: string;
  /** The kind of its last word, for rules that read two numbers in a row (`nineteen` `ninety nine`). */
  readonly shape: NumberShape;
}

/** What a spoken number is made of: one digit word, a teen, tens (with a digit), or more. */
export type NumberShape = 'unit' | 'teen' | 'tens' | 'compound';

/** True when `key` is a word that can start a spoken number. */
export function isNumberWord(key: string): boolean {
  return key in UNITS || key in TEENS || key in TENS || key in UNIT_ORDINALS || key in TEEN_ORDINALS || key in TENS_ORDINALS;
}

/**
 * Reads the longest cardinal or ordinal number starting at `start`: `twenty nine`, `a hundred and
 * five`, `two thousand twenty four`, `twenty first`, `three point five`. Digit words in a row
 * (`four two`) are separate numbers here; {@link readDigitRun} joins them. `undefined` when no
 * number starts there.
 */
export function readNumber(tokens: readonly Token[], start: number): SpokenNumber | undefined {
  let total = 0;
  let group = 0;
  let index = start;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale' = 'none';
  let lastScale = Infinity;
  let ordinal = false;
  let words = 0;
  const key = (at: number) => (at < tokens.length && !tokens[at].fixed ? tokens[at].key : '');
  // A word ends its token's run when the token carries punctuation (`five, six` are two numbers).
  const endsRun = (at: number) => tokens[at].tail !== '';
  while (index < tokens.length && !ordinal) {
    const word = key(index);
    const next = key(index + 1);
    if (word === 'a' && last === 'none' && (next === 'hundred' || next in SCALES)) {
      group = 1;
      last = 'unit';
    } else if (word === 'and' && (last === 'hundred' || last === 'scale') && (next in UNITS || next in TEENS || next in TENS)) {
      // "a hundred and five": the "and" joins, and is dropped.
    } else if (
      (word in UNITS || word in UNIT_ORDINALS) &&
      (last === 'none' || last === 'hundred' || last === 'scale' || isBareTens(last, group))
    ) {
      group += UNITS[word] ?? UNIT_ORDINALS[word];
      ordinal = word in UNIT_ORDINALS;
      last = 'unit';
    } else if ((word in TEENS || word in TEEN_ORDINALS) && (last === 'none' || last === 'hundred' || last === 'scale')) {
      group += TEENS[word] ?? TEEN_ORDINALS[word];
      ordinal = word in TEEN_ORDINALS;
      last = 'teen';
    } else if ((word in TENS || word in TENS_ORDINALS) && (last === 'none' || last === 'hundred' || last === 'scale')) {
      group += TENS[word] ?? TENS_ORDINALS[word];
      ordinal = word in TENS_ORDINALS;
      last = 'tens';
    } else if ((word === 'hundred' || word === 'hundredth') && group > 0 && group < 100 && last !== 'hundred' && last !== 'none') {
      group *= 100;
      ordinal = word === 'hundredth';
      last = 'hundred';
    } else if (word in SCALES && SCALES[word] < lastScale && group > 0 && last !== 'none') {
      total += group * SCALES[word];
      lastScale = SCALES[word];
      group = 0;
      last = 'scale';
    } else {
      break;
    }
    index += 1;
    words += 1;
    if (endsRun(index - 1)) break;
  }
  if (words === 0 || last === 'none') return undefined;
  // A trailing "and" or "a" is not part of the number.
  while (index > start && (key(index - 1) === 'and' || key(index - 1) === 'a')) index -= 1;
  const value = total + group;
  const length = index - start;
  const shape: NumberShape =
    length === 1 && (last === 'unit' || last === 'teen' || last === 'tens')
      ? last
      : length === 2 && last === 'unit' && value < 100
        ? 'tens'
        : 'compound';
  if (!ordinal && !endsRun(index - 1) && key(index) === 'point') {
    const decimals = readDecimals(tokens, index + 1);
    if (decimals)
      return {
        value: Number(`${value}.${decimals.digits}`),
        length: length + 1 + decimals.length,
        ordinal,
        decimals: decimals.digits,
        shape: 'compound',
      };
  }
  return { value, length, ordinal, shape };
}

/** "twenty" right before a digit word: "twenty nine". */
function isBareTens(last: string, group: number): boolean {
  return last === 'tens' && group % 10 === 0;
}

function readDecimals(tokens: readonly Token[], start: number): { digits: string; length: number } | undefined {
  let digits = '';
  let index = start;
  while (index < tokens.length && !tokens[index].fixed && (tokens[index].key in UNITS || tokens[index].key === 'oh')) {
    digits += tokens[index].key === 'oh' ? '0' : String(UNITS[tokens[index].key]);
    index += 1;
    if (tokens[index - 1].tail !== '') break;
  }
  return digits === '' ? undefined : { digits, length: index - start };
}

/**
 * Reads digits spoken one by one, as in card, order and phone numbers: `four two seven one` →
 * `4271`, `five oh two` → `502`. At least two digit words; `undefined` otherwise.
 */
export function readDigitRun(tokens: readonly Token[], start: number): { digits: string; length: number } | undefined {
  let digits = '';
  let index = start;
  while (index < tokens.length && !tokens[index].fixed) {
    const key = tokens[index].key;
    const isDigit = key in UNITS;
    // "oh" is a zero only after a digit and before another, or ending a run of several ("nine oh two one oh").
    const isZero = key === 'oh' && digits !== '' && (tokens[index + 1]?.key in UNITS || digits.length >= 2);
    if (!isDigit && !isZero) break;
    digits += isZero ? '0' : String(UNITS[key]);
    index += 1;
    if (tokens[index - 1].tail !== '') break;
  }
  return digits.length >= 2 ? { digits, length: index - start } : undefined;
}

/** `1st`, `2nd`, `3rd`, `4th`, `11th`, `21st`. */
export function ordinalSuffix(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${value}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][value % 10] ?? 'th';
  return `${value}${suffix}`;
}

/** A whole number with thousands separators from 10,000 up (`1500`, `15,000`); decimals as spoken. */
export function writeNumber(number: SpokenNumber, separateFrom = 10_000): string {
  const whole = Math.trunc(number.value);
  const wholeText = whole >= separateFrom ? whole.toLocaleString('en-US') : String(whole);
  return number.decimals === undefined ? wholeText : `${wholeText}.${number.decimals}`;
}
