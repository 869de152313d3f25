import { digitValue, numberWord, scaleValue } from './number-words';
import type { SpokenWords } from './spoken-words';

/** A number read from spoken words. */
export interface SpokenNumber {
  /** Its value; a decimal (`three point five`) has a fraction. */
  readonly value: number;
  /** How many words it took. */
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

/** Digits read from words, and how many words they took. */
export interface SpokenDigits {
  readonly digits: string;
  readonly length: number;
}

type Last = 'none' | 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

/**
 * Reads the longest cardinal or ordinal number starting at `start`: `twenty nine`, `a hundred and
 * five`, `two thousand twenty four`, `twenty first`, `three point five`. Digit words in a row
 * (`four two`) are separate numbers here; {@link readDigitRun} joins them. `undefined` when no
 * number starts there.
 */
export function readNumber(words: SpokenWords, start: number): SpokenNumber | undefined {
  let total = 0;
  let group = 0;
  let index = start;
  let last: Last = 'none';
  let lastScale = Infinity;
  let ordinal = false;
  let read = 0;
  const key = (at: number) => (at < words.length ? words.keyAt(at) : '');
  while (index < words.length && !ordinal) {
    const word = key(index);
    const next = key(index + 1);
    const found = numberWord(word);
    const scale = scaleValue(word);
    const afterGroup = last === 'none' || last === 'hundred' || last === 'scale';
    if (word === 'a' && last === 'none' && (next === 'hundred' || scaleValue(next) !== undefined)) {
      group = 1;
      last = 'unit';
    } else if (word === 'and' && (last === 'hundred' || last === 'scale') && numberWord(next)?.ordinal === false) {
      // "a hundred and five": the "and" joins, and is dropped.
    } else if (found && (found.kind === 'teen' || found.kind === 'tens' ? afterGroup : afterGroup || isBareTens(last, group))) {
      group += found.value;
      ordinal = found.ordinal;
      last = found.kind;
    } else if ((word === 'hundred' || word === 'hundredth') && group > 0 && group < 100 && last !== 'hundred' && last !== 'none') {
      group *= 100;
      ordinal = word === 'hundredth';
      last = 'hundred';
    } else if (scale !== undefined && scale < lastScale && group > 0 && last !== 'none') {
      total += group * scale;
      lastScale = scale;
      group = 0;
      last = 'scale';
    } else {
      break;
    }
    index += 1;
    read += 1;
    // A word ends its run when punctuation follows it (`five, six` are two numbers).
    if (words.endsRunAt(index - 1)) break;
  }
  if (read === 0 || last === 'none') return undefined;
  // A trailing "and" or "a" is not part of the number.
  while (index > start && (key(index - 1) === 'and' || key(index - 1) === 'a')) index -= 1;
  // "a, thousand": the "a" was all there was.
  if (index === start) return undefined;
  const value = total + group;
  const length = index - start;
  const shape: NumberShape =
    length === 1 && (last === 'unit' || last === 'teen' || last === 'tens')
      ? last
      : length === 2 && last === 'unit' && value < 100
        ? 'tens'
        : 'compound';
  if (!ordinal && !words.endsRunAt(index - 1) && key(index) === 'point') {
    const decimals = readDecimals(words, index + 1);
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
function isBareTens(last: Last, group: number): boolean {
  return last === 'tens' && group % 10 === 0;
}

/** The digits after `point`: digit words and `oh`, one by one. */
function readDecimals(words: SpokenWords, start: number): SpokenDigits | undefined {
  let digits = '';
  let index = start;
  while (index < words.length) {
    const key = words.keyAt(index);
    const digit = key === 'oh' ? 0 : digitValue(key);
    if (digit === undefined) break;
    digits += String(digit);
    index += 1;
    if (words.endsRunAt(index - 1)) break;
  }
  return digits === '' ? undefined : { digits, length: index - start };
}

/**
 * Reads digits spoken one by one, as in card, order and phone numbers: `four two seven one` →
 * `4271`, `five oh two` → `502`. At least two digit words; `undefined` otherwise.
 */
export function readDigitRun(words: SpokenWords, start: number): SpokenDigits | undefined {
  let digits = '';
  let index = start;
  while (index < words.length) {
    const key = words.keyAt(index);
    const digit = digitValue(key);
    // "oh" is a zero only after a digit and before another, or ending a run of several ("nine oh two one oh").
    const isZero = key === 'oh' && digits !== '' && (digitValue(words.keyAt(index + 1)) !== undefined || digits.length >= 2);
    if (digit === undefined && !isZero) break;
    digits += isZero ? '0' : String(digit);
    index += 1;
    if (words.endsRunAt(index - 1)) break;
  }
  return digits.length >= 2 ? { digits, length: index - start } : undefined;
}

/**
 * Reads a number below a hundred said in at most two words: a digit (`seven`, `zero`), a teen
 * (`twelve`), tens (`eighty`) or tens and a digit (`eighty five`). Ordinals are not read.
 */
export function readBelowHundred(words: SpokenWords, start: number): { value: number; length: number } | undefined {
  const found = numberWord(words.keyAt(start));
  if (!found || found.ordinal) return undefined;
  if (found.kind !== 'tens' || words.endsRunAt(start)) return { value: found.value, length: 1 };
  const unit = digitValue(words.keyAt(start + 1));
  return unit === undefined || unit === 0 ? { value: found.value, length: 1 } : { value: found.value + unit, length: 2 };
}
