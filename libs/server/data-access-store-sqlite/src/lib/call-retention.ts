import type { SqliteDatabase } from './sqlite-driver';
import { SEQ_LIMIT } from './segment-keys';

/**
 * Deletes up to `limit` ended calls that started before `cutoff`, with their events, segments and
 * index entries, in one transaction. Returns how many calls it deleted; call again until it
 * returns less than `limit`, so that a large backlog never blocks the event loop for long.
 */
export function deleteEndedCallsStartedBefore(db: SqliteDatabase, cutoff: Date, limit: number): number {
  const expired = db
    .prepare<{ number: number; indexed_seq: number }>(
      "SELECT number, indexed_seq FROM calls WHERE status = 'ended' AND started_at < ? ORDER BY number LIMIT ?",
    )
    .all(cutoff.toISOString(), limit);
  // External-content FTS5 forgets a row only when told its old text; unindexed segments are skipped.
  const forgetIndexed = db.prepare(
    "INSERT INTO segments_fts (segments_fts, rowid, text, raw) SELECT 'delete', key, text, raw FROM segments WHERE key > ? AND key <= ?",
  );
  const deleteCall = db.prepare('DELETE FROM calls WHERE number = ?');
  db.transaction(() => {
    for (const call of expired) {
      const lowest = call.number * SEQ_LIMIT;
      forgetIndexed.run(lowest, lowest + call.indexed_seq);
      deleteCall.run(call.number);
    }
  })();
  return expired.length;
}
