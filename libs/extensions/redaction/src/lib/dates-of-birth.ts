import { digitValue, numberWord, readBelowHundred, spokenWords } from '@tnt/shared/util-spoken-numbers';
import type { SpokenToken } from './spoken-tokens';

const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
]);
/** Words that make any date near them a date of birth. */
const BIRTH_WORDS = new Set(['born', 'birth', 'birthday', 'birthdate', 'dob']);
/** How many words before a date are looked at for a birth word. */
const BIRTH_CONTEXT_WORDS = 8;
/** `03/14/1985`, `14.03.85`, `1985-03-14`. */
const WRITTEN_DATE = /^(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}-\d{2}-\d{2})$/;

/** True when `word` starts with a digit 0-9: only such a word can be written as a date or a numeric day. */
function startsWithDigit(word: string): boolean {
  const code = word.charCodeAt(0);
  return code >= 48 && code <= 57;
}

/**
 * True when a date can start at `word`: a written date or day (a digit first), a month, `the`, or a
 * day said as a number word. Most words are none of these, and {@link findDatesOfBirth} passes
 * them without reading further.
 */
function mayStartDate(word: string): boolean {
  return startsWithDigit(word) || MONTHS.has(word) || word === 'the' || numberWord(word) !== undefined;
}

/** A span of tokens that says a date of birth. */
export interface DateSpan {
  readonly first: number;
  readonly end: number;
}

/** A number from 1 to 99 said at `index` (`eighty five`, `twelve`, `seven`). */
function twoDigits(words: readonly string[], index: number): { value: number; used: number } | undefined {
  const number = readBelowHundred(spokenWords(words), index);
  return number && number.value > 0 ? { value: number.value, used: number.length } : undefined;
}

/** The value of a digit from one to nine (`one` … `nine`). */
function nonZeroDigit(word: string | undefined): number | undefined {
  const digit = digitValue(word);
  return digit === 0 ? undefined : digit;
}

/** `twenty` or `thirty`, which may start a day of the month. */
function isDayTens(word: string | undefined): boolean {
  const found = numberWord(word);
  return found !== undefined && found.kind === 'tens' && !found.ordinal && found.value <= 30;
}

/** A day of the month in one word: `third`, `twelfth`, `thirtieth`, `three`, `twelve`, `thirty`. */
function isDayWord(word: string | undefined): boolean {
  const found = numberWord(word);
  return found !== undefined && found.value >= 1 && found.value <= 30;
}

/** A year at `index`: `1985`, `nineteen eighty five`, `nineteen oh five`, `two thousand and five`, `twenty twenty`. */
function yearAt(words: readonly string[], index: number): { year: number; used: number } | undefined {
  const word = words[index];
  if (word === undefined) return undefined;
  if (/^\d{4}$/.test(word)) return { year: Number(word), used: 1 };
  if (word === 'two' && words[index + 1] === 'thousand') {
    let next = index + 2;
    if (words[next] === 'and') next++;
    const rest = twoDigits(words, next);
    return rest ? { year: 2000 + rest.value, used: next + rest.used - index } : { year: 2000, used: 2 };
  }
  const century = twoDigits(words, index);
  if (!century || century.value < 10) return undefined;
  const next = index + century.used;
  const unit = nonZeroDigit(words[next + 1]);
  if ((words[next] === 'oh' || words[next] === 'o') && unit !== undefined) {
    return { year: century.value * 100 + unit, used: century.used + 2 };
  }
  const rest = twoDigits(words, next);
  if (!rest || rest.value < 10) return undefined;
  return { year: century.value * 100 + rest.value, used: century.used + rest.used };
}

/** How many tokens a day of the month at `index` takes (`third`, `twenty first`, `14th`, `14`, `fourteen`), if one is there. */
function dayAt(words: readonly string[], index: number): number | undefined {
  const word = words[index];
  if (word === undefined) return undefined;
  // Most words are not numbers: the regular expression is only run on those that can match it.
  const numeric = startsWithDigit(word) ? /^(\d{1,2})(st|nd|rd|th)?$/.exec(word) : null;
  if (numeric) return Number(numeric[1]) <= 31 ? 1 : undefined;
  const next = numberWord(words[index + 1]);
  if (isDayTens(word) && next?.kind === 'unit' && next.ordinal) return 2;
  if (isDayWord(word) && numberWord(word)?.ordinal) return 1;
  if (isDayTens(word) && nonZeroDigit(words[index + 1]) !== undefined && words[index + 2] !== 'thousand') return 2;
  if (isDayWord(word)) return 1;
  return undefined;
}

/** The date that starts at `index` and how many tokens it takes, with its year when one was said. */
function dateAt(words: readonly string[], index: number): { used: number; year?: number } | undefined {
  const word = words[index];
  if (startsWithDigit(word) && WRITTEN_DATE.test(word)) {
    const year = /\d{4}/.exec(word)?.[0];
    return { used: 1, year: year ? Number(year) : 1900 + Number(word.slice(-2)) };
  }
  let cursor = index;
  if (MONTHS.has(word)) {
    const day = dayAt(words, cursor + 1);
    if (day === undefined) return undefined;
    cursor += 1 + day;
  } else {
    if (word === 'the') cursor++;
    const day = dayAt(words, cursor);
    if (day === undefined || words[cursor + day] !== 'of' || !MONTHS.has(words[cursor + day + 1])) return undefined;
    cursor += day + 2;
  }
  const year = yearAt(words, cursor);
  return year ? { used: cursor + year.used - index, year: year.year } : { used: cursor - index };
}

/**
 * Dates of birth: a spoken or written date (`march third nineteen eighty five`, `the fourteenth of
 * march 1985`, `03/14/1985`) that is either said after a birth word (`born`, `date of birth`) or
 * has a year old enough to be one (at most `latestBirthYear`); appointment dates are left alone.
 */
export function findDatesOfBirth(tokens: readonly SpokenToken[], latestBirthYear: number): DateSpan[] {
  const words = tokens.map((token) => token.word);
  const spans: DateSpan[] = [];
  for (let index = 0; index < words.length; index++) {
    if (!mayStartDate(words[index])) continue;
    const date = dateAt(words, index);
    if (!date) continue;
    const before = words.slice(Math.max(0, index - BIRTH_CONTEXT_WORDS), index);
    const birthSaid = before.some((word) => BIRTH_WORDS.has(word));
    const oldEnough = date.year !== undefined && date.year >= 1900 && date.year <= latestBirthYear;
    if (birthSaid || oldEnough) {
      spans.push({ first: index, end: index + date.used });
      index += date.used - 1;
    }
  }
  return spans;
}
