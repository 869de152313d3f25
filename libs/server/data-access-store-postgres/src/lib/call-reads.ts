import type { Pool } from 'pg';
import { SEGMENT_COLUMNS, type CallEventRow, type CallRow, type InsightRow, type SegmentRow } from './row-mapping';
import type { SchemaObjects } from './schema-objects';

/** A stored call with its call events, final segments and insights in a seq range, read in one snapshot. */
export interface StoredCall {
  readonly row: CallRow;
  readonly callEvents: CallEventRow[];
  readonly segments: SegmentRow[];
  readonly insights: InsightRow[];
}

/** What to read of a call: events with `since < seq < until` (no upper bound without `until`), and whether call events are wanted. */
export interface CallReadRange {
  readonly since: number;
  readonly until?: number;
  readonly withCallEvents: boolean;
}

/**
 * Reads one call and its events with a single statement, so the call row, its call events and its
 * segments come from one snapshot even while the owner keeps appending: a reader never sees a
 * `last_seq` without the events up to it, nor a later event without an earlier one.
 */
export function callReader(pool: Pool, objects: SchemaObjects): (callId: string, range: CallReadRange) => Promise<StoredCall | undefined> {
  const inRange = 'call_number = c.number AND seq > $2 AND ($3::integer IS NULL OR seq < $3)';
  const sql = `
    SELECT c.*,
      CASE WHEN $4 THEN (SELECT coalesce(json_agg(e ORDER BY e.seq), '[]'::json)
        FROM (SELECT seq, kind, call_json FROM ${objects.callEvents} WHERE ${inRange}) e) ELSE '[]'::json END AS call_events,
      (SELECT coalesce(json_agg(s ORDER BY s.seq), '[]'::json)
        FROM (SELECT ${SEGMENT_COLUMNS} FROM ${objects.segments} WHERE ${inRange}) s) AS segments,
      (SELECT coalesce(json_agg(i ORDER BY i.seq), '[]'::json)
        FROM (SELECT seq, insight_json FROM ${objects.insights} WHERE ${inRange}) i) AS insights
    FROM ${objects.calls} c WHERE c.id = $1`;
  return async (callId, range) => {
    const result = await pool.query<CallRow & { call_events: CallEventRow[]; segments: SegmentRow[]; insights: InsightRow[] }>(sql, [
      callId,
      range.since,
      range.until ?? null,
      range.withCallEvents,
    ]);
    const found = result.rows[0];
    if (!found) return undefined;
    const { call_events: callEvents, segments, insights, ...row } = found;
    return { row, callEvents, segments, insights };
  };
}
