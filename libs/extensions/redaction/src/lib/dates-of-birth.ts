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
const ORDINAL_UNITS: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
};
const ORDINALS: Readonly<Record<string, number>> = {
  ...ORDINAL_UNITS,
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
  twentieth: 20,
  thirtieth: 30,
};
const CARDINALS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
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
  twenty: 20,
  thirty: 30,
};
const DECADES: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const UNIT_VALUES: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEEN_VALUES: Readonly<Record<string, number>> = {
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
};
/** Words that make any date near them a date of birth. */
const BIRTH_WORDS = new Set(['born', 'birth', 'birthday', 'birthdate', 'dob']);
/** How many words before a date are looked at for a birth word. */
const BIRTH_CONTEXT_WORDS = 8;
/** `03/14/1985`, `14.03.85`, `1985-03-14`. */
const WRITTEN_DATE = /^(\d{1,2}[/.-]\d{1,2}[/.-](\d{2}|\d{4})|\d{4}-\d{2}-\d{2})$/;

/** A span of tokens that says a date of birth. */
export interface DateSpan {
  readonly first: number;
  readonly end: number;
}

/** A number below 100 said at `index` (`eighty five`, `twelve`, `seven`). */
function twoDigits(words: readonly string[], index: number): { value: number; used: number } | undefined {
  const word = words[index];
  if (word in TEEN_VALUES) return { value: TEEN_VALUES[word], used: 1 };
  if (word in DECADES) {
    const unit = UNIT_VALUES[words[index + 1]];
    return unit === undefined ? { value: DECADES[word], used: 1 } : { value: DECADES[word] + unit, used: 2 };
  }
  if (word in UNIT_VALUES) return { value: UNIT_VALUES[word], used: 1 };
  return undefined;
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
  if ((words[next] === 'oh' || words[next] === 'o') && words[next + 1] in UNIT_VALUES) {
    return { year: century.value * 100 + UNIT_VALUES[words[next + 1]], used: century.used + 2 };
  }
  const rest = twoDigits(words, next);
  if (!rest || rest.value < 10) return undefined;
  return { year: century.value * 100 + rest.value, used: century.used + rest.used };
}

/** How many tokens a day of the month at `index` takes (`third`, `twenty first`, `14th`, `14`, `fourteen`), if one is there. */
function dayAt(words: readonly string[], index: number): number | undefined {
  const word = words[index];
  if (word === undefined) return undefined;
  const numeric = /^(\d{1,2})(st|nd|rd|th)?$/.exec(word);
  if (numeric) return Number(numeric[1]) <= 31 ? 1 : undefined;
  if ((word === 'twenty' || word === 'thirty') && words[index + 1] in ORDINAL_UNITS) return 2;
  if (word in ORDINALS) return 1;
  if ((word === 'twenty' || word === 'thirty') && words[index + 1] in UNIT_VALUES && words[index + 2] !== 'thousand') return 2;
  if (word in CARDINALS) return 1;
  return undefined;
}

/** The date that starts at `index` and how many tokens it takes, with its year when one was said. */
function dateAt(words: readonly string[], index: number): { used: number; year?: number } | undefined {
  const word = words[index];
  if (WRITTEN_DATE.test(word)) {
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
