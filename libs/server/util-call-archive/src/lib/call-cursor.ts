import { ArchiveQueryError } from './archive-errors';

/**
 * Cursors name the last call of a page by its store number (the order calls were recorded), so
 * the next page starts strictly below it: calls recorded meanwhile are newer and never shift a
 * page. The encoding is opaque to clients on purpose.
 */
export function encodeCallCursor(callNumber: number): string {
  return Buffer.from(`calls:${callNumber}`).toString('base64url');
}

/** The call number a cursor names; throws an `ArchiveQueryError` naming `cursor` when it is not one. */
export function decodeCallCursor(cursor: string): number {
  const match = /^calls:([1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new ArchiveQueryError('cursor', `cursor must be a nextCursor returned by this API (got ${JSON.stringify(cursor)})`);
  }
  return Number(match[1]);
}
