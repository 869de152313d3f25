import { mergeBySeq } from '@tnt/server/util-call-archive';
import {
  callIdOf,
  isAlertInsight,
  type CallEventMessage,
  type CallInfo,
  type CallMessage,
  type InsightMessage,
  type SnapshotMessage,
  type TranscriptMessage,
} from '@tnt/protocol';
import type { SqliteDatabase } from './sqlite-driver';
import type { FullTextIndexer } from './full-text-indexer';
import {
  callDetailsOf,
  callEventOf,
  callInfoOf,
  insightEventOf,
  insightOf,
  segmentOf,
  type CallEventRow,
  type CallRow,
  type InsightRow,
  type SegmentRow,
} from './row-mapping';
import { keysAfter, segmentKey } from './segment-keys';

/** What the log remembers of a call it is writing, to check `seq` without a read. */
interface OpenCall {
  readonly number: number;
  lastSeq: number;
}

/**
 * The durable record of calls and their events: every call event, final segment and insight is committed
 * (WAL, one transaction per event) before `append` returns. Interim segments only advance the
 * call's `last_seq`, so a replay from disk skips their `seq`s; the numbers that remain still
 * increase, and no final segment is missing.
 */
export class SqliteCallLog {
  private readonly openCalls = new Map<string, OpenCall>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendCallEvent: (event: CallMessage, call: OpenCall, now: string) => void;
  private readonly appendFinalSegment: (event: TranscriptMessage, call: OpenCall, now: string) => void;
  private readonly appendInsight: (event: InsightMessage, call: OpenCall, now: string) => void;

  constructor(
    db: SqliteDatabase,
    private readonly indexer: FullTextIndexer,
  ) {
    this.statements = prepareStatements(db);
    this.appendCallEvent = db.transaction((event: CallMessage, call: OpenCall, now: string) => {
      this.statements.insertCallEvent.run(call.number, event.seq, event.event, JSON.stringify(event.call));
      this.statements.updateCallDetails.run({ ...detailColumns(event.call), seq: event.seq, now, number: call.number });
    });
    this.appendFinalSegment = db.transaction((event: TranscriptMessage, call: OpenCall, now: string) => {
      const segment = event.transcript;
      const key = segmentKey(call.number, event.seq);
      this.statements.insertSegment.run(
        key,
        call.number,
        event.seq,
        segment.id,
        segment.speaker,
        segment.text,
        segment.raw ?? null,
        segment.confidence,
        segment.startMs,
        segment.endMs,
        segment.timestamp,
        segment.engine,
        segment.simulated ? 1 : 0,
        segment.annotations === undefined ? null : JSON.stringify(segment.annotations),
      );
      this.statements.countFinal.run(event.seq, now, call.number);
    });
    this.appendInsight = db.transaction((event: InsightMessage, call: OpenCall, now: string) => {
      const { insight } = event;
      const alertName = isAlertInsight(insight) ? insight.name : null;
      this.statements.insertInsight.run(call.number, event.seq, insight.kind, alertName, JSON.stringify(insight));
      this.statements.advanceSeq.run(event.seq, now, call.number);
    });
  }

  /** Records a new call; throws when a call with its id is already stored. */
  createCall(call: CallInfo): void {
    if (this.statements.callById.get(call.id)) throw new Error(`call ${call.id} is already stored`);
    const result = this.statements.insertCall.run({ ...detailColumns(call), startedAt: call.startedAt });
    this.openCalls.set(call.id, { number: Number(result.lastInsertRowid), lastSeq: 0 });
  }

  /** Commits the call's next event; throws (and stores nothing) when its `seq` does not follow. */
  append(event: CallEventMessage): void {
    const callId = callIdOf(event);
    const call = this.openCall(callId);
    if (event.seq !== call.lastSeq + 1) throw new Error(`call ${callId}: event seq ${event.seq} does not follow ${call.lastSeq}`);
    const now = new Date().toISOString();
    if (event.type === 'call') {
      this.appendCallEvent(event, call, now);
      if (event.call.status === 'ended') this.openCalls.delete(callId);
    } else if (event.type === 'insight') {
      this.appendInsight(event, call, now);
    } else if (event.transcript.isFinal) {
      this.appendFinalSegment(event, call, now);
      this.indexer.enqueue(segmentKey(call.number, event.seq));
    } else {
      this.statements.advanceSeq.run(event.seq, now, call.number);
    }
    call.lastSeq = event.seq;
  }

  /** The stored call with `lastSeq`, or `undefined`. */
  getCall(callId: string): CallInfo | undefined {
    const row = this.statements.callById.get(callId);
    return row ? callInfoOf(row) : undefined;
  }

  /**
   * The stored events after `since`, oldest first: call events, final segments and insights. `undefined`
   * when the call is unknown or `since` lies outside `0..lastSeq`.
   */
  eventsAfter(callId: string, since: number): CallEventMessage[] | undefined {
    const row = this.statements.callById.get(callId);
    if (!row || since < 0 || since > row.last_seq) return undefined;
    const callEvents = this.statements.callEventsAfter.all(row.number, since).map(callEventOf);
    const { lower, upper } = keysAfter(row.number, since);
    const transcripts = this.statements.segmentsBetween
      .all(lower, upper)
      .map((segment): TranscriptMessage => ({ type: 'transcript', callId, seq: segment.seq, transcript: segmentOf(segment) }));
    const insights = this.statements.insightsAfter.all(row.number, since).map((insight) => insightEventOf(callId, insight));
    return mergeBySeq(mergeBySeq(callEvents, transcripts), insights);
  }

  /** The stored call with every final segment and insight, or `undefined`. */
  snapshot(callId: string): SnapshotMessage | undefined {
    const row = this.statements.callById.get(callId);
    if (!row) return undefined;
    const { lower, upper } = keysAfter(row.number, 0);
    const transcript = this.statements.segmentsBetween.all(lower, upper).map(segmentOf);
    const insights = this.statements.insightsAfter.all(row.number, 0).map(insightOf);
    return { type: 'snapshot', callId, seq: row.last_seq, call: callInfoOf(row), transcript, insights };
  }

  /**
   * Ends every call a previous process left open (it was killed mid-call) with reason
   * `interrupted`, as a `call ended` event numbered after the last `seq` that process used.
   * `endedAt` is the call's last stored activity. Returns the calls as ended.
   */
  markOpenCallsInterrupted(): CallInfo[] {
    const ended: CallInfo[] = [];
    for (const row of this.statements.activeCalls.all()) {
      const call: CallInfo = { ...callDetailsOf(row), status: 'ended', endedAt: row.last_event_at, endReason: 'interrupted' };
      this.append({ type: 'call', event: 'ended', seq: row.last_seq + 1, call });
      ended.push(call);
    }
    return ended;
  }

  private openCall(callId: string): OpenCall {
    const known = this.openCalls.get(callId);
    if (known) return known;
    const row = this.statements.callById.get(callId);
    if (!row) throw new Error(`call ${callId} is not stored`);
    if (row.status !== 'active') throw new Error(`call ${callId} has already ended`);
    const call = { number: row.number, lastSeq: row.last_seq };
    this.openCalls.set(callId, call);
    return call;
  }
}

/** Every statement the log runs, prepared once. */
function prepareStatements(db: SqliteDatabase) {
  return {
    insertCall: db.prepare(
      `INSERT INTO calls (id, agent_id, caller, callee, language, started_at, ended_at, status, end_reason, last_event_at)
       VALUES (@id, @agentId, @caller, @callee, @language, @startedAt, @endedAt, @status, @endReason, @startedAt)`,
    ),
    callById: db.prepare<CallRow>('SELECT * FROM calls WHERE id = ?'),
    insertCallEvent: db.prepare('INSERT INTO call_events (call_number, seq, kind, call_json) VALUES (?, ?, ?, ?)'),
    updateCallDetails: db.prepare(
      `UPDATE calls SET agent_id = @agentId, caller = @caller, callee = @callee, language = @language, ended_at = @endedAt,
       status = @status, end_reason = @endReason, last_seq = @seq, last_event_at = @now WHERE number = @number`,
    ),
    insertSegment: db.prepare(
      `INSERT INTO segments (key, call_number, seq, segment_id, speaker, text, raw, confidence, start_ms, end_ms, produced_at,
       engine, simulated, annotations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    countFinal: db.prepare(
      'UPDATE calls SET last_seq = ?, last_event_at = ?, final_segment_count = final_segment_count + 1 WHERE number = ?',
    ),
    advanceSeq: db.prepare('UPDATE calls SET last_seq = ?, last_event_at = ? WHERE number = ?'),
    callEventsAfter: db.prepare<CallEventRow>(
      'SELECT seq, kind, call_json FROM call_events WHERE call_number = ? AND seq > ? ORDER BY seq',
    ),
    segmentsBetween: db.prepare<SegmentRow>('SELECT * FROM segments WHERE key > ? AND key < ? ORDER BY key'),
    insertInsight: db.prepare('INSERT INTO insights (call_number, seq, kind, alert_name, insight_json) VALUES (?, ?, ?, ?, ?)'),
    insightsAfter: db.prepare<InsightRow>('SELECT seq, insight_json FROM insights WHERE call_number = ? AND seq > ? ORDER BY seq'),
    activeCalls: db.prepare<CallRow>("SELECT * FROM calls WHERE status = 'active' ORDER BY number"),
  };
}

/** Column values of a call's details, `null` where absent. */
function detailColumns(call: CallInfo) {
  return {
    id: call.id,
    agentId: call.agentId,
    caller: call.from ?? null,
    callee: call.to ?? null,
    language: call.language ?? null,
    endedAt: call.endedAt ?? null,
    status: call.status,
    endReason: call.endReason ?? null,
  };
}
