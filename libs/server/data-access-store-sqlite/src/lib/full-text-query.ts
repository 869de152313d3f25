import { ArchiveQueryError } from '@tnt/server/util-call-archive';

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Turns what a person typed into an FTS5 query: every word (letters and digits) must occur,
 * each quoted so that FTS5 operators and punctuation in the input (`"`, `*`, `NEAR`, `-`) are
 * plain text. Throws an `ArchiveQueryError` naming `q` when nothing searchable is left.
 */
export function toFullTextQuery(text: string): string {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new ArchiveQueryError('q', `q must be at most ${MAX_SEARCH_LENGTH} characters (got ${text.length})`);
  }
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) throw new ArchiveQueryError('q', `q must contain a letter or digit (got ${JSON.stringify(text)})`);
  return words.map((word) => `"${word}"`).join(' ');
}
