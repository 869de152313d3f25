/**
 * One word of a transcript while it is formatted. `word` is what will be written; `key` is its lower
 * case form that rules match on; `tail` is punctuation written right after it (`,` `.` `?`).
 * `fixed` marks a word a rule already wrote in its final form (`$29`, `jane.miller@example.com`,
 * `March`): later passes neither re-case nor re-read it.
 */
export interface Token {
  readonly word: string;
  readonly key: string;
  readonly tail: string;
  readonly fixed: boolean;
}

const TRAILING_PUNCTUATION = /[.,!?;:]+$/;
const ABBREVIATION = /^(\p{L}\.){2,}$/u;

/** A token for `word` as a rule wrote it. */
export function fixedToken(word: string, tail = ''): Token {
  return { word, key: word.toLowerCase(), tail, fixed: true };
}

/** `token` with `tail` in place of its own. */
export function withTail(token: Token, tail: string): Token {
  return { ...token, tail };
}

/** Splits engine text into tokens at white space; punctuation an engine already wrote stays as the tail. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const piece of text.split(/\s+/)) {
    if (piece === '') continue;
    // An abbreviation the engine's dictionary spells with dots ("a.m.", "u.s.") keeps them as part of the word.
    const tail = ABBREVIATION.test(piece) ? '' : (TRAILING_PUNCTUATION.exec(piece)?.[0] ?? '');
    const word = piece.slice(0, piece.length - tail.length);
    if (word === '') {
      // Punctuation on its own joins the word before it.
      const previous = tokens.pop();
      if (previous) tokens.push(withTail(previous, previous.tail + tail));
      continue;
    }
    tokens.push({ word, key: word.toLowerCase(), tail, fixed: false });
  }
  return tokens;
}

/** Writes tokens back as text: words separated by one space, each followed by its tail. */
export function detokenize(tokens: readonly Token[]): string {
  return tokens.map((token) => token.word + token.tail).join(' ');
}

/**
 * A rewrite of a run of tokens: `length` tokens from the current position become `replacement`
 * (the tail of the last replaced token is kept by {@link rewrite}).
 */
export interface Rewrite {
  readonly length: number;
  readonly replacement: readonly Token[];
}

/**
 * Walks `tokens` left to right; at each position `match` may rewrite a run starting there, and the
 * walk continues after the run. The last replaced token's tail moves to the last replacement.
 */
export function rewrite(tokens: readonly Token[], match: (tokens: readonly Token[], index: number) => Rewrite | undefined): Token[] {
  const output: Token[] = [];
  let index = 0;
  while (index < tokens.length) {
    const found = tokens[index].fixed ? undefined : match(tokens, index);
    if (!found || found.length === 0) {
      output.push(tokens[index]);
      index += 1;
      continue;
    }
    const tail = tokens[index + found.length - 1].tail;
    const replacement = [...found.replacement];
    const last = replacement.pop();
    output.push(...replacement);
    if (last) output.push(withTail(last, last.tail || tail));
    index += found.length;
  }
  return output;
}

/**
 * A word table without a prototype, so `key in table` and `table[key]` see only its own entries
 * (a transcript may well contain the word "constructor").
 */
export function wordTable<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
