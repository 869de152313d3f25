import type {
  CallEndReason,
  CallEventKind,
  CallInfo,
  CallMessage,
  CallStatus,
  Speaker,
  TranscriptSegment,
  Insight,
  InsightMessage,
} from '@tnt/protocol';

/** A row of `calls` as `pg` returns it (`bigint` as a string, `timestamptz` as a Date). */
export interface CallRow {
  number: string;
  id: string;
  agent_id: string;
  caller: string | null;
  callee: string | null;
  started_at: Date;
  ended_at: Date | null;
  status: CallStatus;
  end_reason: CallEndReason | null;
  owner: string;
  last_seq: number;
  last_event_at: Date;
  final_segment_count: number;
  /** Added by migration 7: null for calls stored before it, and for calls whose language was not named. */
  language: string | null;
}

/** A row of `segments` without its search words, as read through `json_agg` (numbers and JSON already parsed). */
export interface SegmentRow {
  seq: number;
  segment_id: string;
  speaker: Speaker;
  text: string;
  raw: string | null;
  confidence: number;
  start_ms: number;
  end_ms: number;
  produced_at: string;
  engine: string;
  simulated: boolean;
  annotations: TranscriptSegment['annotations'] | null;
}

/** A row of `call_events`, as read through `json_agg`. */
export interface CallEventRow {
  seq: number;
  kind: CallEventKind;
  call_json: CallInfo;
}

/** The `segments` columns a segment is rebuilt from (everything but the generated search words). */
export const SEGMENT_COLUMNS =
  'seq, segment_id, speaker, text, raw, confidence, start_ms, end_ms, produced_at, engine, simulated, annotations';

/** The call's details as carried inside its own events (no `lastSeq`). Times come back as ISO 8601 in UTC, as they were written. */
export function callDetailsOf(row: CallRow): CallInfo {
  return {
    id: row.id,
    agentId: row.agent_id,
    ...(row.caller !== null ? { from: row.caller } : {}),
    ...(row.callee !== null ? { to: row.callee } : {}),
    ...(row.language !== null ? { language: row.language } : {}),
    startedAt: row.started_at.toISOString(),
    ...(row.ended_at !== null ? { endedAt: row.ended_at.toISOString() } : {}),
    status: row.status,
    ...(row.end_reason !== null ? { endReason: row.end_reason } : {}),
  };
}

/** The call as the store holds it now, with `lastSeq`. */
export function callInfoOf(row: CallRow): CallInfo & { lastSeq: number } {
  return { ...callDetailsOf(row), lastSeq: row.last_seq };
}

/** The final segment a row holds, exactly as it was sent. */
export function segmentOf(row: SegmentRow): TranscriptSegment {
  return {
    id: row.segment_id,
    text: row.text,
    ...(row.raw !== null ? { raw: row.raw } : {}),
    speaker: row.speaker,
    confidence: row.confidence,
    timestamp: row.produced_at,
    isFinal: true,
    startMs: row.start_ms,
    endMs: row.end_ms,
    engine: row.engine,
    simulated: row.simulated,
    ...(row.annotations !== null ? { annotations: row.annotations } : {}),
  };
}

/** The `call` event a row holds, exactly as it was sent. */
export function callEventOf(row: CallEventRow): CallMessage {
  return { type: 'call', event: row.kind, seq: row.seq, call: row.call_json };
}

/** Column values of a call's details, `null` where absent: agent_id, caller, callee, ended_at, status, end_reason, language. */
export function detailColumns(
  call: CallInfo,
): [string, string | null, string | null, string | null, CallStatus, CallEndReason | null, string | null] {
  return [
    call.agentId,
    call.from ?? null,
    call.to ?? null,
    call.endedAt ?? null,
    call.status,
    call.endReason ?? null,
    call.language ?? null,
  ];
}

/** An insight as `call-reads.ts` aggregates it: its seq and the insight as it was sent. */
export interface InsightRow {
  seq: number;
  insight_json: Insight;
}

/** The `insight` event a row holds, exactly as it was sent. */
export function insightEventOf(callId: string, row: InsightRow): InsightMessage {
  return { type: 'insight', callId, seq: row.seq, insight: row.insight_json };
}
