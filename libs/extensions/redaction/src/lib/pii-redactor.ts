import { findDatesOfBirth } from './dates-of-birth';
import { findDigitRuns, type DigitRun } from './digit-runs';
import { findEmailAddresses } from './email-addresses';
import { passesLuhn, PLACEHOLDERS, type PiiEntity } from './pii-entities';
import { tokenize, type SpokenToken } from './spoken-tokens';

/** Words of the speaker's previous final kept to catch a number or address said across two segments. */
export const CARRIED_WORDS = 24;
/** Digits at the very end of a segment, belonging to no other kind, that are hidden in case the number goes on. */
const OPEN_NUMBER_DIGITS = 5;
/** Words before a number that are looked at for a birth word. */
const BIRTH_CONTEXT_WORDS = 8;
const BIRTH_WORDS = new Set(['born', 'birth', 'birthday', 'birthdate', 'dob']);

/** What the redactor looks for. */
export interface PiiRedactorOptions {
  /** The kinds to redact (default: all). */
  readonly entities: ReadonlySet<PiiEntity>;
  /** A date with a year up to this one is taken for a date of birth even when no birth word is said. */
  readonly latestBirthYear: number;
}

/** The text with its personal data replaced, and what to remember for the speaker's next segment. */
export interface Redaction {
  readonly text: string;
  /** The kind of each placeholder written, in order. */
  readonly entities: PiiEntity[];
  /**
   * The last words of the previous words and this text after the last complete match: where a number
   * or address may still be going on. Kept in memory for the next segment only (see the processor).
   */
  readonly carry: string[];
}

interface Match {
  readonly first: number;
  readonly end: number;
  readonly entity: PiiEntity;
  /** Reaches the end of the text: the speaker may go on with it in the next segment. */
  readonly open: boolean;
}

/**
 * Finds personal data in transcript text as speech-to-text writes it (spoken digits, `double
 * five`, `jane dot miller at example dot com`) and as a formatter rewrites it (`4111 1111 …`,
 * `jane.miller@example.com`), and replaces each with a typed placeholder (`[CARD]`, `[EMAIL]` …).
 * Words carried from the speaker's previous final are read in front of the text, so a number or
 * address split between two segments is caught; only this text is changed.
 */
export class PiiRedactor {
  constructor(private readonly options: PiiRedactorOptions) {}

  /** Redacts `text`; `previous` are the words carried from the same speaker's previous final. */
  redact(text: string, previous: readonly string[] = []): Redaction {
    const tokens: SpokenToken[] = [...previous.map((word): SpokenToken => ({ start: 0, end: 0, word, part: 0 })), ...tokenize(text)];
    const matches = this.findMatches(tokens).filter((match) => tokens[match.end - 1].part === 1);
    return { ...this.rewrite(text, tokens, matches), carry: carryAfter(tokens, matches) };
  }

  private findMatches(tokens: readonly SpokenToken[]): Match[] {
    const wanted = this.options.entities;
    const matches: Match[] = [];
    if (wanted.has('email')) {
      for (const span of findEmailAddresses(tokens)) matches.push({ ...span, entity: 'email' });
    }
    if (wanted.has('dob')) {
      for (const span of findDatesOfBirth(tokens, this.options.latestBirthYear)) {
        if (!overlapsAny(span, matches)) matches.push({ ...span, entity: 'dob', open: span.end === tokens.length });
      }
    }
    // Words already matched end a number, so an address or a date is not read as digits too.
    const covered = new Set(matches.flatMap((match) => range(match.first, match.end)));
    const blocked = covered.size === 0 ? tokens : tokens.map((token, index) => (covered.has(index) ? { ...token, word: '\u0000' } : token));
    for (const run of findDigitRuns(blocked)) {
      const open = run.end === tokens.length;
      const entity = this.classify(run, open, tokens);
      if (entity && wanted.has(entity)) matches.push({ first: run.first, end: run.end, entity, open });
    }
    return matches.sort((left, right) => left.first - right.first);
  }

  /** The kind of personal data a run of digits is, if any. */
  private classify(run: DigitRun, atEnd: boolean, tokens: readonly SpokenToken[]): PiiEntity | undefined {
    const count = run.digits.length;
    const before = tokens.slice(Math.max(0, run.first - BIRTH_CONTEXT_WORDS), run.first).map((token) => token.word);
    if (run.international && count >= 8 && count <= 15) return 'phone';
    if (count >= 13 && count <= 19 && passesLuhn(run.digits)) return 'card';
    if (count === 9) return 'ssn';
    if (count === 7 || count === 10 || (count === 11 && run.digits.startsWith('1'))) return 'phone';
    if ((count === 6 || count === 8) && before.some((word) => BIRTH_WORDS.has(word))) return 'dob';
    if (count >= 12) return 'number';
    if (atEnd && count >= OPEN_NUMBER_DIGITS) return 'number';
    return undefined;
  }

  /** Replaces each match's words in `text` with its placeholder (overlapping matches become one). */
  private rewrite(text: string, tokens: readonly SpokenToken[], matches: readonly Match[]): Pick<Redaction, 'text' | 'entities'> {
    let output = '';
    let copiedUpTo = 0;
    const entities: PiiEntity[] = [];
    for (const match of mergeOverlapping(matches)) {
      const own = tokens.slice(match.first, match.end).filter((token) => token.part === 1);
      output += text.slice(copiedUpTo, own[0].start) + PLACEHOLDERS[match.entity];
      entities.push(match.entity);
      copiedUpTo = own[own.length - 1].end;
    }
    return { text: output + text.slice(copiedUpTo), entities };
  }
}

/** The words to carry into the speaker's next segment: those after the last complete match, at most {@link CARRIED_WORDS}. */
function carryAfter(tokens: readonly SpokenToken[], matches: readonly Match[]): string[] {
  const lastClosed = matches.filter((match) => !match.open).reduce((end, match) => Math.max(end, match.end), 0);
  return tokens.slice(Math.max(lastClosed, tokens.length - CARRIED_WORDS)).map((token) => token.word);
}

/** Matches sorted by their first token, overlapping ones joined into the first of them. */
function mergeOverlapping(matches: readonly Match[]): Match[] {
  const merged: Match[] = [];
  for (const match of matches) {
    const last = merged[merged.length - 1];
    if (last && match.first < last.end) merged[merged.length - 1] = { ...last, end: Math.max(last.end, match.end) };
    else merged.push(match);
  }
  return merged;
}

function overlapsAny(span: { first: number; end: number }, matches: readonly Match[]): boolean {
  return matches.some((match) => span.first < match.end && match.first < span.end);
}

function range(first: number, end: number): number[] {
  return Array.from({ length: end - first }, (_, offset) => first + offset);
}
