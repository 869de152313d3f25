import {
  readDigitRun as readSpokenDigitRun,
  readNumber as readSpokenNumber,
  type SpokenDigits,
  type SpokenNumber,
  type SpokenWords,
} from '@tnt/shared/util-spoken-numbers';
import type { Token } from './tokens';

export { isNumberWord, type SpokenNumber } from '@tnt/shared/util-spoken-numbers';

/**
 * The formatter's tokens as the spoken-number readers see them: a word a rule already wrote is no
 * number word, and punctuation after a word ends a number there.
 */
function wordsOf(tokens: readonly Token[]): SpokenWords {
  return {
    length: tokens.length,
    keyAt: (index) => {
      const token = tokens[index];
      return token && !token.fixed ? token.key : '';
    },
    endsRunAt: (index) => tokens[index].tail !== '',
  };
}

/** The longest cardinal or ordinal number starting at `start` (`twenty nine`, `a hundred and five`, `twenty first`). */
export function readNumber(tokens: readonly Token[], start: number): SpokenNumber | undefined {
  return readSpokenNumber(wordsOf(tokens), start);
}

/** Digits spoken one by one (`four two seven one` → `4271`), at least two. */
export function readDigitRun(tokens: readonly Token[], start: number): SpokenDigits | undefined {
  return readSpokenDigitRun(wordsOf(tokens), start);
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
