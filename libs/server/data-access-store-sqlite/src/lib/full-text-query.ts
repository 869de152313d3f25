import { searchWords } from '@tnt/server/util-call-archive';

/**
 * Turns what a person typed into an FTS5 query: every word must occur, each quoted so that FTS5
 * operators and punctuation in the input (`"`, `*`, `NEAR`, `-`) are plain text. Throws an
 * `ArchiveQueryError` naming `q` when nothing searchable is left.
 */
export function toFullTextQuery(text: string): string {
  return searchWords(text)
    .map((word) => `"${word}"`)
    .join(' ');
}
