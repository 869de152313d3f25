import type { SegmentMatch } from '@tnt/protocol';
import {
  decodeCallCursor,
  encodeCallCursor,
  MATCH_CLOSE,
  MATCH_OPEN,
  MATCHES_PER_CALL,
  readHighlights,
  type ArchivedCall,
  type CallArchive,
  type CallListPage,
  type CallListQuery,
  type CallTranscript,
} from '@tnt/server/util-call-archive';
import type { SqliteDatabase, SqliteStatement } from './sqlite-driver';
import type { FullTextIndexer } from './full-text-indexer';
import { toFullTextQuery } from './full-text-query';
import { callInfoOf, insightOf, segmentOf, type CallRow, type InsightRow, type SegmentRow } from './row-mapping';
import { keysAfter, SEQ_LIMIT } from './segment-keys';

/** A call listing's WHERE clauses, each with its named parameter. */
const FILTERS = {
  status: 'status = @status',
  agentId: 'agent_id = @agentId',
  startedFrom: 'started_at >= @startedFrom',
  startedBefore: 'started_at < @startedBefore',
  before: 'number < @before',
  fullText: `number IN (SELECT rowid / ${SEQ_LIMIT} FROM segments_fts WHERE segments_fts MATCH @fullText)`,
  alert: 'number IN (SELECT call_number FROM insights WHERE alert_name = @alert)',
} as const;

type FilterName = keyof typeof FILTERS;

/**
 * The calls in the SQLite store, for the history API: listings, full-text search and transcripts.
 * Search matches the formatted text and the engine's raw words ("$29" and "twenty nine dollars"
 * find the same segment); matches are shown in the formatted text, highlighted where its words matched.
 */
export class SqliteCallArchive implements CallArchive {
  private readonly listings = new Map<string, SqliteStatement<CallRow>>();
  private readonly callById: SqliteStatement<CallRow>;
  private readonly segmentsBetween: SqliteStatement<SegmentRow>;
  private readonly matchesBetween: SqliteStatement<SegmentRow & { marked: string }>;
  private readonly alertNames: SqliteStatement<{ alert_name: string }>;
  private readonly insightsOfCall: SqliteStatement<InsightRow>;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly indexer: FullTextIndexer,
  ) {
    this.callById = db.prepare<CallRow>('SELECT * FROM calls WHERE id = ?');
    this.segmentsBetween = db.prepare<SegmentRow>('SELECT * FROM segments WHERE key > ? AND key < ? ORDER BY key');
    this.alertNames = db.prepare<{ alert_name: string }>(
      'SELECT DISTINCT alert_name FROM insights WHERE call_number = ? AND alert_name IS NOT NULL ORDER BY alert_name',
    );
    this.insightsOfCall = db.prepare<InsightRow>('SELECT seq, insight_json FROM insights WHERE call_number = ? ORDER BY seq');
    this.matchesBetween = db.prepare<SegmentRow & { marked: string }>(
      `SELECT s.*, highlight(segments_fts, 0, char(${MATCH_OPEN.charCodeAt(0)}), char(${MATCH_CLOSE.charCodeAt(0)})) AS marked
       FROM segments_fts JOIN segments s ON s.key = segments_fts.rowid
       WHERE segments_fts MATCH ? AND segments_fts.rowid > ? AND segments_fts.rowid < ?
       ORDER BY segments_fts.rowid LIMIT ${MATCHES_PER_CALL}`,
    );
  }

  async listCalls(query: CallListQuery): Promise<CallListPage> {
    const parameters: Partial<Record<FilterName, string | number>> = {
      status: query.status,
      agentId: query.agentId,
      startedFrom: query.startedFrom === undefined ? undefined : new Date(query.startedFrom).toISOString(),
      startedBefore: query.startedBefore === undefined ? undefined : new Date(query.startedBefore).toISOString(),
      before: query.cursor === undefined ? undefined : decodeCallCursor(query.cursor),
      fullText: query.text === undefined ? undefined : toFullTextQuery(query.text),
      alert: query.alert,
    };
    const used = (Object.keys(FILTERS) as FilterName[]).filter((name) => parameters[name] !== undefined);
    // Segments sent in the last moments may still wait for the index; a search must see them.
    if (parameters.fullText !== undefined) this.indexer.flush();
    const rows = this.listing(used).all({ ...pick(parameters, used), limit: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const fullText = parameters.fullText as string | undefined;
    return {
      calls: page.map((row) =>
        fullText === undefined ? this.archivedCallOf(row) : { ...this.archivedCallOf(row), matches: this.matchesOf(row, fullText) },
      ),
      nextCursor: rows.length > query.limit ? encodeCallCursor(page[page.length - 1].number) : null,
    };
  }

  async getCall(callId: string): Promise<ArchivedCall | undefined> {
    const row = this.callById.get(callId);
    return row ? { ...this.archivedCallOf(row), insights: this.insightsOfCall.all(row.number).map(insightOf) } : undefined;
  }

  async transcript(callId: string): Promise<CallTranscript | undefined> {
    const row = this.callById.get(callId);
    if (!row) return undefined;
    const { lower, upper } = keysAfter(row.number, 0);
    return { call: this.archivedCallOf(row), segments: this.segmentsBetween.all(lower, upper).map(segmentOf) };
  }

  private archivedCallOf(row: CallRow): ArchivedCall {
    const alerts = this.alertNames.all(row.number).map((found) => found.alert_name);
    return { ...callInfoOf(row), finalSegmentCount: row.final_segment_count, ...(alerts.length > 0 ? { alerts } : {}) };
  }

  private matchesOf(row: CallRow, fullText: string): SegmentMatch[] {
    const { lower, upper } = keysAfter(row.number, 0);
    return this.matchesBetween.all(fullText, lower, upper).map((match) => ({
      seq: match.seq,
      segmentId: match.segment_id,
      speaker: match.speaker,
      startMs: match.start_ms,
      endMs: match.end_ms,
      ...readHighlights(match.marked),
    }));
  }

  /** The listing statement for this combination of filters, prepared once. */
  private listing(filters: FilterName[]): SqliteStatement<CallRow> {
    const cacheKey = filters.join(',');
    let statement = this.listings.get(cacheKey);
    if (!statement) {
      const where = filters.length === 0 ? '' : `WHERE ${filters.map((name) => FILTERS[name]).join(' AND ')}`;
      statement = this.db.prepare<CallRow>(`SELECT * FROM calls ${where} ORDER BY number DESC LIMIT @limit`);
      this.listings.set(cacheKey, statement);
    }
    return statement;
  }
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = source[key];
  return picked;
}
