import type { CallInfo, CallStatus, Speaker, TranscriptSegment } from '@tnt/protocol';

/** Filters and paging of a call listing; every filter is optional and they combine with AND. */
export interface CallListQuery {
  status?: CallStatus;
  agentId?: string;
  /** Calls that started at or after this instant (ISO 8601). */
  startedFrom?: string;
  /** Calls that started before this instant (ISO 8601). */
  startedBefore?: string;
  /** Words that must all occur in one final segment of the call (full-text search). */
  text?: string;
  /** Most calls on one page. */
  limit: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

/** A character range `[start, end)` of a segment's text that matched the search. */
export interface TextRange {
  start: number;
  end: number;
}

/** A final segment that matched a full-text search. */
export interface SegmentMatch {
  seq: number;
  segmentId: string;
  speaker: Speaker;
  startMs: number;
  endMs: number;
  text: string;
  /** The matching words, as ranges of `text`. */
  highlights: TextRange[];
  /** `text` HTML-escaped, with every matching word in `<mark>…</mark>`; safe to insert as HTML. */
  highlighted: string;
}

/** A stored call with its newest `lastSeq`, how many final segments it has and, for searches, its matches. */
export interface ArchivedCall extends CallInfo {
  lastSeq: number;
  finalSegmentCount: number;
  /** The first matching segments (in call order) when the listing searched for text. */
  matches?: SegmentMatch[];
}

/** One page of calls, newest first. */
export interface CallListPage {
  calls: ArchivedCall[];
  /** Pass as `cursor` for the next (older) page; `null` on the last page. */
  nextCursor: string | null;
}

/** A stored call with every final segment, in the order they were sent. */
export interface CallTranscript {
  call: ArchivedCall;
  segments: TranscriptSegment[];
}

/**
 * Read access to the calls a durable store keeps, for the history API. Results are promises so
 * that a networked database (PostgreSQL) implements the same contract as the embedded SQLite.
 */
export interface CallArchive {
  /** One page of calls matching `query`; rejects with an `ArchiveQueryError` for a bad query. */
  listCalls(query: CallListQuery): Promise<CallListPage>;
  /** The call, or `undefined` when it is not stored. */
  getCall(callId: string): Promise<ArchivedCall | undefined>;
  /** The call with its final segments, or `undefined` when it is not stored. */
  transcript(callId: string): Promise<CallTranscript | undefined>;
}

/** Injection token of the {@link CallArchive}. */
export const CALL_ARCHIVE = Symbol('CALL_ARCHIVE');

/** How many matching segments a search returns per call. */
export const MATCHES_PER_CALL = 5;
