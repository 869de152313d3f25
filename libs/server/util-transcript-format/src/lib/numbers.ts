import { isNumberWord, ordinalSuffix, readDigitRun, readNumber, writeNumber, type SpokenNumber } from './number-words';
import { fixedToken, rewrite, wordTable, type Rewrite, type Token } from './tokens';

const MONTHS = [
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
] as const;

/** Currencies written as a symbol before the amount, by the words that name them. */
const CURRENCIES = wordTable<{ symbol: string; minor: readonly string[] }>({
  dollar: { symbol: '$', minor: ['cent', 'cents'] },
  dollars: { symbol: '$', minor: ['cent', 'cents'] },
  bucks: { symbol: '$', minor: [] },
  euro: { symbol: '€', minor: ['cent', 'cents'] },
  euros: { symbol: '€', minor: ['cent', 'cents'] },
});

/** Words after which a lone "one" is a number, not a pronoun ("press one", "option one"). */
const COUNTING_WORDS = new Set([
  'number',
  'option',
  'press',
  'extension',
  'step',
  'page',
  'room',
  'line',
  'level',
  'floor',
  'plus',
  'minus',
]);

/** The month a word names, capitalised, or `undefined`. */
function monthOf(token: Token | undefined): string | undefined {
  if (!token || token.fixed || !(MONTHS as readonly string[]).includes(token.key)) return undefined;
  return token.key[0].toUpperCase() + token.key.slice(1);
}

function keyAt(tokens: readonly Token[], index: number): string {
  const token = tokens[index];
  return token && !token.fixed ? token.key : '';
}

/** A number only when no punctuation separates it from what follows at `index - 1`. */
function numberAt(tokens: readonly Token[], index: number): SpokenNumber | undefined {
  if (index >= tokens.length || (index > 0 && tokens[index - 1].tail !== '')) return undefined;
  return readNumber(tokens, index);
}

/**
 * A spoken year: `nineteen ninety nine`, `twenty twenty four`, `twenty oh five`, `two thousand and
 * five`. Returns the year and how many tokens it took.
 */
export function readYear(tokens: readonly Token[], start: number): { year: number; length: number } | undefined {
  const first = readNumber(tokens, start);
  if (!first || first.ordinal || first.decimals !== undefined) return undefined;
  if (first.shape === 'compound' && first.value >= 1900 && first.value <= 2099 && first.length >= 3) {
    return { year: first.value, length: first.length };
  }
  const century = first.value;
  if ((century !== 19 && century !== 20) || first.length !== 1 || tokens[start].tail !== '') return undefined;
  const after = start + first.length;
  if (keyAt(tokens, after) === 'oh' && tokens[after].tail === '') {
    const unit = readNumber(tokens, after + 1);
    if (unit && unit.shape === 'unit' && !unit.ordinal) return { year: century * 100 + unit.value, length: first.length + 2 };
    return undefined;
  }
  const second = readNumber(tokens, after);
  if (!second || second.ordinal || second.decimals !== undefined || second.value < 10 || second.value > 99) return undefined;
  return { year: century * 100 + second.value, length: first.length + second.length };
}

/** `March 4th`, `March 4th, 2024`, `March 2024` from a month at `start`; see {@link formatNumbers}. */
function dateFromMonth(tokens: readonly Token[], start: number): Rewrite | undefined {
  const month = monthOf(tokens[start]);
  if (!month || tokens[start].tail !== '') return undefined;
  let index = start + 1;
  if (keyAt(tokens, index) === 'the' && tokens[index].tail === '') index += 1;
  const day = numberAt(tokens, index);
  const year = readYear(tokens, start + 1);
  if (year && index === start + 1 && (!day || day.length < year.length || !day.ordinal)) {
    return { length: 1 + year.length, replacement: [fixedToken(month), fixedToken(String(year.year))] };
  }
  if (!day || day.decimals !== undefined || day.value < 1 || day.value > 31) return undefined;
  // "may one" or "march two" is too often not a date; a day after a month is an ordinal or has a year.
  const dayEnd = index + day.length;
  const yearAfter = tokens[dayEnd - 1].tail === '' ? readYear(tokens, dayEnd) : undefined;
  if (!day.ordinal && !yearAfter) return undefined;
  const dayText = day.ordinal ? ordinalSuffix(day.value) : String(day.value);
  if (!yearAfter) return { length: dayEnd - start, replacement: [fixedToken(month), fixedToken(dayText)] };
  return {
    length: dayEnd + yearAfter.length - start,
    replacement: [fixedToken(month), fixedToken(dayText, ','), fixedToken(String(yearAfter.year))],
  };
}

/** `the fourth of march` / `fourth of march` → `March 4th`. */
function dateFromDay(tokens: readonly Token[], start: number): Rewrite | undefined {
  const skip = keyAt(tokens, start) === 'the' && tokens[start].tail === '' ? 1 : 0;
  const day = numberAt(tokens, start + skip);
  if (!day || !day.ordinal || day.value > 31) return undefined;
  const of = start + skip + day.length;
  if (keyAt(tokens, of) !== 'of' || tokens[of - 1].tail !== '' || tokens[of].tail !== '') return undefined;
  const month = monthOf(tokens[of + 1]);
  if (!month) return undefined;
  const year = tokens[of + 1].tail === '' ? readYear(tokens, of + 2) : undefined;
  const dayText = ordinalSuffix(day.value);
  if (!year) return { length: of + 2 - start, replacement: [fixedToken(month), fixedToken(dayText)] };
  return {
    length: of + 2 + year.length - start,
    replacement: [fixedToken(month), fixedToken(dayText, ','), fixedToken(String(year.year))],
  };
}

/** `three thirty pm` → `3:30 PM`, `ten a m` → `10 AM`, `seven o'clock` → `7 o'clock`. */
function time(tokens: readonly Token[], start: number): Rewrite | undefined {
  const hour = numberAt(tokens, start);
  if (!hour || hour.ordinal || hour.decimals !== undefined || hour.value < 1 || hour.value > 12 || hour.length > 2) return undefined;
  let index = start + hour.length;
  let minutes: number | undefined;
  if (tokens[index - 1].tail === '' && keyAt(tokens, index) === 'oh') {
    const unit = numberAt(tokens, index + 1);
    if (unit && unit.shape === 'unit' && !unit.ordinal) {
      minutes = unit.value;
      index += 2;
    }
  } else {
    const minute = numberAt(tokens, index);
    if (minute && !minute.ordinal && minute.decimals === undefined && minute.value >= 10 && minute.value <= 59) {
      minutes = minute.value;
      index += minute.length;
    }
  }
  const clock = minutes === undefined ? String(hour.value) : `${hour.value}:${String(minutes).padStart(2, '0')}`;
  if (tokens[index - 1].tail !== '') return undefined;
  const marker = keyAt(tokens, index);
  const spelled = `${marker} ${keyAt(tokens, index + 1)}`;
  if (marker === 'am' || marker === 'pm' || marker === 'a.m.' || marker === 'p.m.') {
    return { length: index + 1 - start, replacement: [fixedToken(clock), fixedToken(marker[0].toUpperCase() + 'M')] };
  }
  if ((spelled === 'a m' || spelled === 'p m') && tokens[index].tail === '') {
    return { length: index + 2 - start, replacement: [fixedToken(clock), fixedToken(marker.toUpperCase() + 'M')] };
  }
  if (minutes === undefined && (marker === "o'clock" || marker === 'oclock')) {
    return { length: index + 1 - start, replacement: [fixedToken(clock), fixedToken("o'clock")] };
  }
  return undefined;
}

/** `twenty nine dollars` → `$29`, `… and fifty cents` → `$29.50`, `ten percent` → `10%`. */
function amount(tokens: readonly Token[], start: number): Rewrite | undefined {
  const number = numberAt(tokens, start);
  if (!number || number.ordinal) return undefined;
  const unitAt = start + number.length;
  if (tokens[unitAt - 1].tail !== '') return undefined;
  const unit = keyAt(tokens, unitAt);
  if (unit === 'percent' || (unit === 'per' && keyAt(tokens, unitAt + 1) === 'cent')) {
    return { length: unitAt + (unit === 'per' ? 2 : 1) - start, replacement: [fixedToken(`${writeNumber(number)}%`)] };
  }
  const currency = CURRENCIES[unit];
  if (!currency) return undefined;
  const whole = `${currency.symbol}${writeNumber(number, 1_000)}`;
  // "and fifty cents" or just "fifty" after the currency word.
  if (number.decimals === undefined && tokens[unitAt].tail === '') {
    const andAt = keyAt(tokens, unitAt + 1) === 'and' ? unitAt + 2 : unitAt + 1;
    const minor = numberAt(tokens, andAt);
    if (minor && !minor.ordinal && minor.decimals === undefined && minor.value < 100 && minor.value > 0) {
      const minorEnd = andAt + minor.length;
      const named = currency.minor.includes(keyAt(tokens, minorEnd)) && tokens[minorEnd - 1].tail === '';
      if (named || andAt === unitAt + 1) {
        const cents = String(minor.value).padStart(2, '0');
        return { length: minorEnd + (named ? 1 : 0) - start, replacement: [fixedToken(`${whole}.${cents}`)] };
      }
    }
  }
  return { length: unitAt + 1 - start, replacement: [fixedToken(whole)] };
}

/** Any other number: digit runs joined, cardinals as digits, compound ordinals as `21st`. */
function plainNumber(tokens: readonly Token[], start: number): Rewrite | undefined {
  const run = readDigitRun(tokens, start);
  if (run) return { length: run.length, replacement: [fixedToken(run.digits)] };
  const year = readYear(tokens, start);
  if (year && year.length >= 2) return { length: year.length, replacement: [fixedToken(String(year.year))] };
  const number = numberAt(tokens, start);
  if (!number) return undefined;
  if (number.ordinal) {
    // "first", "second", "tenth" stay words ("first of all", "wait a second"); "twenty first" does not.
    if (number.length === 1) return undefined;
    return { length: number.length, replacement: [fixedToken(ordinalSuffix(number.value))] };
  }
  // A lone "one" is usually a pronoun ("this one", "no one"), unless something is being counted.
  if (number.length === 1 && tokens[start].key === 'one' && !COUNTING_WORDS.has(keyAt(tokens, start - 1))) return undefined;
  return { length: number.length, replacement: [fixedToken(writeNumber(number))] };
}

/**
 * Writes numbers, amounts, dates and times as digits: dates first (`the fourth of march` → `March
 * 4th`), then times, amounts and percentages, then every other number.
 */
export function formatNumbers(tokens: readonly Token[]): Token[] {
  return rewrite(tokens, (all, index) => {
    const key = all[index].key;
    if (key === 'the' || isNumberWord(key)) {
      const date = dateFromDay(all, index);
      if (date) return date;
    }
    if (monthOf(all[index])) return dateFromMonth(all, index);
    if (!isNumberWord(key) && key !== 'a') return undefined;
    return time(all, index) ?? amount(all, index) ?? plainNumber(all, index);
  });
}
