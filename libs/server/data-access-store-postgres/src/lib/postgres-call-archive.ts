import {
  decodeCallCursor,
  encodeCallCursor,
  MATCH_CLOSE,
  MATCH_OPEN,
  MATCHES_PER_CALL,
  readHighlights,
  searchWords,
  type ArchivedCall,
  type CallArchive,
  type CallListPage,
  type CallListQuery,
  type CallTranscript,
} from '@tnt/server/util-call-archive';
import type { Insight, SegmentMatch, Speaker } from '@tnt/protocol';
import type { Pool } from 'pg';
import { callReader, type CallReadRange, type StoredCall } from './call-reads';
import { callInfoOf, segmentOf, type CallRow } from './row-mapping';
import type { SchemaObjects } from './schema-objects';

/** `ts_headline` over the whole text (not fragments), marking matches with the shared control characters. */
const HEADLINE_OPTIONS = `StartSel=${MATCH_OPEN}, StopSel=${MATCH_CLOSE}, HighlightAll=true`;

/** A matching segment as the match query returns it. */
interface MatchRow {
  call_number: string;
  seq: number;
  segment_id: string;
  speaker: Speaker;
  start_ms: number;
  end_ms: number;
  marked: string;
}

/**
 * The calls in the PostgreSQL store, for the history API: the same listings, cursor, full-text
 * search and transcripts as the SQLite archive. Search matches stemmed words of one final segment
 * (all words of `q` in the same segment), found through the GIN index on the generated `tsvector`
 * of its formatted text and its raw engine words, so "$29" and "twenty nine dollars" both find it.
 */
export class PostgresCallArchive implements CallArchive {
  private readonly readCall: (callId: string, range: CallReadRange) => Promise<StoredCall | undefined>;
  private readonly searchQuery: string;
  /** A column of the names of the alerts raised in the call (each once), null when none. */
  private readonly alertNames: string;

  constructor(
    private readonly pool: Pool,
    private readonly objects: SchemaObjects,
  ) {
    this.readCall = callReader(pool, objects);
    this.searchQuery = `plainto_tsquery(${objects.searchConfig}, $1)`;
    this.alertNames = `(SELECT array_agg(DISTINCT alert_name ORDER BY alert_name) FROM ${objects.insights}
      WHERE call_number = number AND alert_name IS NOT NULL) AS alerts`;
  }

  async listCalls(query: CallListQuery): Promise<CallListPage> {
    const values: unknown[] = [];
    const where: string[] = [];
    const filter = (clause: (parameter: string) => string, value: unknown) => {
      values.push(value);
      where.push(clause(`$${values.length}`));
    };
    // Words only: whatever else was typed never reaches the query parser.
    const words = query.text === undefined ? undefined : searchWords(query.text).join(' ');
    if (query.cursor !== undefined) filter((p) => `number < ${p}`, decodeCallCursor(query.cursor));
    if (query.status !== undefined) filter((p) => `status = ${p}`, query.status);
    if (query.agentId !== undefined) filter((p) => `agent_id = ${p}`, query.agentId);
    if (query.startedFrom !== undefined) filter((p) => `started_at >= ${p}`, new Date(query.startedFrom).toISOString());
    if (query.startedBefore !== undefined) filter((p) => `started_at < ${p}`, new Date(query.startedBefore).toISOString());
    if (query.alert !== undefined)
      filter((p) => `number IN (SELECT call_number FROM ${this.objects.insights} WHERE alert_name = ${p})`, query.alert);
    if (words !== undefined) {
      filter(
        (p) =>
          `number IN (SELECT call_number FROM ${this.objects.segments} WHERE words @@ plainto_tsquery(${this.objects.searchConfig}, ${p}))`,
        words,
      );
    }
    values.push(query.limit + 1);
    const sql = `SELECT *, ${this.alertNames} FROM ${this.objects.calls} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY number DESC LIMIT $${values.length}`;
    const rows = (await this.pool.query<CallRow>(sql, values)).rows;
    const page = rows.slice(0, query.limit);
    const matches = words === undefined ? undefined : await this.matchesOf(page, words);
    return {
      calls: page.map((row) =>
        matches === undefined ? archivedCallOf(row) : { ...archivedCallOf(row), matches: matches.get(row.number) ?? [] },
      ),
      nextCursor: rows.length > query.limit ? encodeCallCursor(Number(page[page.length - 1].number)) : null,
    };
  }

  async getCall(callId: string): Promise<ArchivedCall | undefined> {
    const sql = `SELECT *, ${this.alertNames}, (SELECT coalesce(json_agg(insight_json ORDER BY seq), '[]'::json)
      FROM ${this.objects.insights} WHERE call_number = number) AS insights FROM ${this.objects.calls} WHERE id = $1`;
    const row = (await this.pool.query<CallRow & { insights: Insight[] }>(sql, [callId])).rows[0];
    return row && { ...archivedCallOf(row), insights: row.insights };
  }

  async transcript(callId: string): Promise<CallTranscript | undefined> {
    const stored = await this.readCall(callId, { since: 0, withCallEvents: false });
    return stored && { call: archivedCallOf(stored.row), segments: stored.segments.map(segmentOf) };
  }

  /** The first matching segments of each call on the page, highlighted, in one query. */
  private async matchesOf(page: CallRow[], words: string): Promise<Map<string, SegmentMatch[]>> {
    const sql = `SELECT m.call_number, m.seq, m.segment_id, m.speaker, m.start_ms, m.end_ms,
        ts_headline(${this.objects.searchConfig}, m.text, ${this.searchQuery}, $3) AS marked
      FROM unnest($2::bigint[]) AS page (number)
      CROSS JOIN LATERAL (
        SELECT * FROM ${this.objects.segments} s
        WHERE s.call_number = page.number AND s.words @@ ${this.searchQuery}
        ORDER BY s.seq LIMIT ${MATCHES_PER_CALL}) m
      ORDER BY m.call_number, m.seq`;
    const rows = (await this.pool.query<MatchRow>(sql, [words, page.map((row) => row.number), HEADLINE_OPTIONS])).rows;
    const byCall = new Map<string, SegmentMatch[]>();
    for (const match of rows) {
      const matches = byCall.get(match.call_number) ?? [];
      matches.push({
        seq: match.seq,
        segmentId: match.segment_id,
        speaker: match.speaker,
        startMs: match.start_ms,
        endMs: match.end_ms,
        ...readHighlights(match.marked),
      });
      byCall.set(match.call_number, matches);
    }
    return byCall;
  }
}

function archivedCallOf(row: CallRow & { alerts?: string[] | null }): ArchivedCall {
  return { ...callInfoOf(row), finalSegmentCount: row.final_segment_count, ...(row.alerts ? { alerts: row.alerts } : {}) };
}
