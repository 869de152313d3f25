import type {
  CallEndReason,
  CallEventKind,
  CallInfo,
  CallMessage,
  CallStatus,
  Insight,
  InsightMessage,
  Speaker,
  TranscriptSegment,
} from '@tnt/protocol';

/** A row of `calls`. */
export interface CallRow {
  number: number;
  id: string;
  agent_id: string;
  caller: string | null;
  callee: string | null;
  started_at: string;
  ended_at: string | null;
  status: CallStatus;
  end_reason: CallEndReason | null;
  last_seq: number;
  last_event_at: string;
  final_segment_count: number;
  indexed_seq: number;
  /** Added by migration 6: null for calls stored before it, and for calls whose language was not named. */
  language: string | null;
}

/** A row of `segments`. */
export interface SegmentRow {
  key: number;
  call_number: number;
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
  simulated: number;
  annotations: string | null;
}

/** A row of `call_events`. */
export interface CallEventRow {
  seq: number;
  kind: CallEventKind;
  call_json: string;
}

/** The call's details as carried inside its own events (no `lastSeq`). */
export function callDetailsOf(row: CallRow): CallInfo {
  return {
    id: row.id,
    agentId: row.agent_id,
    ...(row.caller !== null ? { from: row.caller } : {}),
    ...(row.callee !== null ? { to: row.callee } : {}),
    ...(row.language !== null ? { language: row.language } : {}),
    startedAt: row.started_at,
    ...(row.ended_at !== null ? { endedAt: row.ended_at } : {}),
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
    simulated: row.simulated === 1,
    ...(row.annotations !== null ? { annotations: JSON.parse(row.annotations) as TranscriptSegment['annotations'] } : {}),
  };
}

/** The `call` event a row holds, exactly as it was sent. */
export function callEventOf(row: CallEventRow): CallMessage {
  return { type: 'call', event: row.kind, seq: row.seq, call: JSON.parse(row.call_json) as CallInfo };
}

/** A row of `insights`. */
export interface InsightRow {
  seq: number;
  insight_json: string;
}

/** The insight a row holds, exactly as it was sent. */
export function insightOf(row: InsightRow): Insight {
  return JSON.parse(row.insight_json) as Insight;
}

/** The `insight` event a row holds, exactly as it was sent. */
export function insightEventOf(callId: string, row: InsightRow): InsightMessage {
  return { type: 'insight', callId, seq: row.seq, insight: insightOf(row) };
}
