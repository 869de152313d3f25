/**
 * One word of a transcript as the detectors see it: where it is in its text, and its normal form
 * (lower case, without the punctuation around it). `part` says which text it came from: 0 for the
 * remembered end of the speaker's previous final, 1 for the segment being redacted.
 */
export interface SpokenToken {
  readonly start: number;
  readonly end: number;
  readonly word: string;
  readonly part: 0 | 1;
}

/** Punctuation a recogniser or a formatter puts around a word, which never changes what it is. */
const SURROUNDING_PUNCTUATION = /^["'“‘([{]+|[.,;:!?"'”’)\]}]+$/g;

/** Splits `text` into words at white space, keeping their offsets. */
export function tokenize(text: string, part: 0 | 1 = 1): SpokenToken[] {
  const tokens: SpokenToken[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    const word = normalWord(match[0]);
    if (word === '') continue;
    tokens.push({ start: match.index, end: match.index + match[0].length, word, part });
  }
  return tokens;
}

/**
 * The word without surrounding punctuation, in lower case. Brackets of a phone number's area code
 * (`(555)`) and a leading `+` are kept: they tell a written number apart.
 */
function normalWord(raw: string): string {
  const lower = raw.toLowerCase();
  // Most words begin and end with a letter or a digit: no punctuation to strip, no bracket or `+` to keep.
  if (isLetterOrDigit(lower.charCodeAt(0)) && isLetterOrDigit(lower.charCodeAt(lower.length - 1))) return lower;
  if (/^\(\d+\)$/.test(lower) || /^\+\d/.test(lower)) return lower;
  return lower.replace(SURROUNDING_PUNCTUATION, '');
}

/** True for the code of an ASCII lower case letter or digit (the only ones {@link normalWord}'s fast path trusts). */
function isLetterOrDigit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}
