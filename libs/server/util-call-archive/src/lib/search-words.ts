import { ArchiveQueryError } from './archive-errors';

/** Longest search text accepted, in characters. */
export const MAX_SEARCH_LENGTH = 200;

/**
 * The words (runs of letters and digits) of what a person typed into a search; every one must
 * occur in a matching segment. Everything else (quotes, `*`, `-`, operators of a query syntax) is
 * dropped, so a store never interprets input as its own query language. Throws an
 * `ArchiveQueryError` naming `q` when the text is too long or has no word.
 */
export function searchWords(text: string): string[] {
  if (text.length > MAX_SEARCH_LENGTH) {
    throw new ArchiveQueryError('q', `q must be at most ${MAX_SEARCH_LENGTH} characters (got ${text.length})`);
  }
  const words = text.match(/[\p{L}\p{N}]+/gu);
  if (!words) throw new ArchiveQueryError('q', `q must contain a letter or digit (got ${JSON.stringify(text)})`);
  return words;
}
