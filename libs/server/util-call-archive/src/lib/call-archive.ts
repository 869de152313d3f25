import type { CallStatus, HistoryCall, HistoryPage, HistoryTranscript } from '@tnt/protocol';

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
  /** Calls in which an alert of this name was raised. */
  alert?: string;
  /** Most calls on one page. */
  limit: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

/**
 * What the archive returns is exactly what the history API answers, so its shapes are the
 * protocol's (one definition gives the type the server returns and the check the dashboard runs):
 * a stored call is `HistoryCall`, a page `HistoryPage`, a transcript `HistoryTranscript`.
 */
export type ArchivedCall = HistoryCall;
/** One page of calls, newest first, see the protocol's `HISTORY_PAGE`. */
export type CallListPage = HistoryPage;
/** A stored call with every final segment in the order they were sent, see the protocol's `HISTORY_TRANSCRIPT`. */
export type CallTranscript = HistoryTranscript;

/**
 * Read access to the calls a durable store keeps, for the history API. Every call listed carries the
 * names of the alerts raised in it (`alerts`, each once, absent when none). Results are promises so
 * that a networked database (PostgreSQL) implements the same contract as the embedded SQLite.
 */
export interface CallArchive {
  /** One page of calls matching `query`; rejects with an `ArchiveQueryError` for a bad query. */
  listCalls(query: CallListQuery): Promise<CallListPage>;
  /** The call with its `insights` in order, or `undefined` when it is not stored. */
  getCall(callId: string): Promise<ArchivedCall | undefined>;
  /** The call with its final segments, or `undefined` when it is not stored. */
  transcript(callId: string): Promise<CallTranscript | undefined>;
}

/** Injection token of the {@link CallArchive}. */
export const CALL_ARCHIVE = Symbol('CALL_ARCHIVE');

/** How many matching segments a search returns per call. */
export const MATCHES_PER_CALL = 5;
