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
import { CallAlreadyStored, CallOwnershipLost, LogUnreachable, type ClusterCallLog, type OwnedCall } from '@tnt/server/util-cluster';
import type { Pool, PoolClient } from 'pg';
import { isDeepStrictEqual } from 'node:util';
import { callReader, type CallReadRange, type StoredCall } from './call-reads';
import { callEventOf, callInfoOf, detailColumns, insightEventOf, segmentOf, type CallRow } from './row-mapping';
import type { SchemaObjects } from './schema-objects';

/**
 * The cluster's durable log in PostgreSQL. Each append of a call event, final segment or insight is one
 * statement (so one transaction and one round trip): an UPDATE of the call that moves `last_seq`
 * forward only while this instance owns the call and `seq` is above it, and the INSERT of the event
 * fed by that UPDATE. A fenced or stale write therefore stores nothing.
 *
 * Retries: an append whose exact event is already stored under its `seq` (the commit went through
 * but its answer was lost) resolves as a no-op, so an owner may simply retry after a timeout.
 *
 * An owner appends each call's events one after the other, in seq order: were a later seq
 * committed first, the earlier one would be refused as not advancing. Different calls append in
 * parallel (PostgreSQL then shares one WAL flush among the concurrent commits).
 */
export class PostgresCallLog implements ClusterCallLog {
  private readonly sql: ReturnType<typeof statements>;
  private readonly readCall: (callId: string, range: CallReadRange) => Promise<StoredCall | undefined>;

  constructor(
    private readonly pool: Pool,
    objects: SchemaObjects,
    readonly instanceId: string,
  ) {
    this.sql = statements(objects);
    this.readCall = callReader(pool, objects);
  }

  async createCall(call: CallInfo): Promise<void> {
    const result = await this.pool.query(this.sql.insertCall, [call.id, ...detailColumns(call), call.startedAt, this.instanceId]);
    if (result.rowCount === 0) throw new CallAlreadyStored(call.id);
  }

  async append(event: CallEventMessage): Promise<void> {
    if (event.type === 'transcript' && !event.transcript.isFinal) return;
    const callId = callIdOf(event);
    const query =
      event.type === 'call'
        ? { name: this.sql.names.appendCallEvent, text: this.sql.appendCallEvent, values: callEventValues(event, this.instanceId) }
        : event.type === 'insight'
          ? { name: this.sql.names.appendInsight, text: this.sql.appendInsight, values: insightValues(event, this.instanceId) }
          : { name: this.sql.names.appendFinal, text: this.sql.appendFinal, values: finalValues(event, this.instanceId) };
    // A connection first, then the statement: a failure to connect means nothing was sent, while a
    // connection lost after sending leaves the commit in doubt (see `LogUnreachable`).
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw new LogUnreachable(`PostgreSQL cannot be reached; event ${event.seq} of call ${callId} was not sent`, false, { cause: error });
    }
    let rowCount: number | null;
    try {
      rowCount = (await client.query(query)).rowCount;
      client.release();
    } catch (error) {
      client.release(error instanceof Error ? error : new Error(String(error)));
      if (!isConnectionFailure(error)) throw error;
      throw new LogUnreachable(`PostgreSQL stopped answering while event ${event.seq} of call ${callId} was being stored`, true, {
        cause: error,
      });
    }
    if (rowCount === 0) await this.explainRefusal(callId, event);
  }

  async getCall(callId: string): Promise<OwnedCall | undefined> {
    const result = await this.pool.query<CallRow>(this.sql.callById, [callId]);
    return result.rows[0] && ownedCallOf(result.rows[0]);
  }

  async eventsAfter(callId: string, since: number, until?: number): Promise<CallEventMessage[] | undefined> {
    const stored = await this.readCall(callId, { since, until, withCallEvents: true });
    if (!stored || since < 0 || since > stored.row.last_seq) return undefined;
    const transcripts = stored.segments.map((segment): TranscriptMessage => ({
      type: 'transcript',
      callId,
      seq: segment.seq,
      transcript: segmentOf(segment),
    }));
    const insights = stored.insights.map((insight) => insightEventOf(callId, insight));
    return mergeBySeq(mergeBySeq(stored.callEvents.map(callEventOf), transcripts), insights);
  }

  async snapshot(callId: string): Promise<SnapshotMessage | undefined> {
    const stored = await this.readCall(callId, { since: 0, withCallEvents: false });
    if (!stored) return undefined;
    const { row, segments, insights } = stored;
    return {
      type: 'snapshot',
      callId,
      seq: row.last_seq,
      call: callInfoOf(row),
      transcript: segments.map(segmentOf),
      insights: insights.map((insight) => insight.insight_json),
    };
  }

  async takeOver(callId: string, expectedOwner?: string): Promise<OwnedCall | undefined> {
    // Under READ COMMITTED a concurrent UPDATE of the same row waits, then re-checks the WHERE
    // against the winner's row: with the same expectedOwner, every loser finds the owner changed.
    const result = await this.pool.query<CallRow>(this.sql.takeOver, [callId, this.instanceId, expectedOwner ?? null]);
    return result.rows[0] && ownedCallOf(result.rows[0]);
  }

  async activeCalls(): Promise<OwnedCall[]> {
    const result = await this.pool.query<CallRow>(this.sql.activeCalls);
    return result.rows.map(ownedCallOf);
  }

  /** Says why an append changed nothing: fenced, not advancing (unless an identical retry), unknown or ended. */
  private async explainRefusal(callId: string, event: CallEventMessage): Promise<void> {
    const row = (await this.pool.query<CallRow>(this.sql.callById, [callId])).rows[0];
    if (!row) throw new Error(`call ${callId} is not stored`);
    if (row.owner !== this.instanceId) throw new CallOwnershipLost(callId, row.owner);
    if (event.seq <= row.last_seq) {
      if (await this.isStored(callId, event)) return;
      throw new Error(`call ${callId}: event seq ${event.seq} does not advance past the stored last seq ${row.last_seq}`);
    }
    if (row.status !== 'active') throw new Error(`call ${callId} has already ended`);
    throw new Error(`call ${callId}: event seq ${event.seq} was not stored (the call changed meanwhile); retry`);
  }

  /** True when exactly this event is stored under its seq. */
  private async isStored(callId: string, event: CallEventMessage): Promise<boolean> {
    const stored = await this.eventsAfter(callId, event.seq - 1, event.seq + 1);
    const same = stored?.find((candidate) => candidate.seq === event.seq);
    // Through JSON on both sides: absent and `undefined` optional fields compare equal.
    return same !== undefined && isDeepStrictEqual(JSON.parse(JSON.stringify(same)), JSON.parse(JSON.stringify(event)));
  }
}

/** Every statement the log runs; the hot appends are named so each connection prepares them once. */
function statements(objects: SchemaObjects) {
  const { calls, callEvents, segments, insights, schema } = objects;
  const owned = `WHERE id = $1 AND owner = $3 AND status = 'active' AND last_seq < $2 RETURNING number`;
  return {
    names: {
      appendFinal: `${schema}.append-final`,
      appendCallEvent: `${schema}.append-call-event`,
      appendInsight: `${schema}.append-insight`,
    },
    insertCall: `INSERT INTO ${calls} (id, agent_id, caller, callee, ended_at, status, end_reason, language, started_at, owner)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING`,
    appendFinal: `WITH owned AS (
        UPDATE ${calls} SET last_seq = $2, last_event_at = now(), final_segment_count = final_segment_count + 1 ${owned})
      INSERT INTO ${segments} (call_number, seq, segment_id, speaker, text, confidence, start_ms, end_ms, produced_at, engine,
        simulated, annotations, raw)
      SELECT number, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM owned`,
    appendCallEvent: `WITH owned AS (
        UPDATE ${calls} SET agent_id = $4, caller = $5, callee = $6, ended_at = $7, status = $8, end_reason = $9, language = $10,
          last_seq = $2, last_event_at = now() ${owned})
      INSERT INTO ${callEvents} (call_number, seq, kind, call_json) SELECT number, $2, $11, $12 FROM owned`,
    appendInsight: `WITH owned AS (UPDATE ${calls} SET last_seq = $2, last_event_at = now() ${owned})
      INSERT INTO ${insights} (call_number, seq, kind, alert_name, insight_json) SELECT number, $2, $4, $5, $6 FROM owned`,
    callById: `SELECT * FROM ${calls} WHERE id = $1`,
    takeOver: `UPDATE ${calls} SET owner = $2
      WHERE id = $1 AND status = 'active' AND ($3::text IS NULL OR owner = $3) RETURNING *`,
    activeCalls: `SELECT * FROM ${calls} WHERE status = 'active' ORDER BY number DESC`,
  };
}

function finalValues(event: TranscriptMessage, owner: string): unknown[] {
  const segment = event.transcript;
  return [
    event.callId,
    event.seq,
    owner,
    segment.id,
    segment.speaker,
    segment.text,
    segment.confidence,
    segment.startMs,
    segment.endMs,
    segment.timestamp,
    segment.engine,
    segment.simulated,
    segment.annotations === undefined ? null : JSON.stringify(segment.annotations),
    segment.raw ?? null,
  ];
}

function insightValues(event: InsightMessage, owner: string): unknown[] {
  const { insight } = event;
  return [event.callId, event.seq, owner, insight.kind, isAlertInsight(insight) ? insight.name : null, JSON.stringify(insight)];
}

function callEventValues(event: CallMessage, owner: string): unknown[] {
  return [event.call.id, event.seq, owner, ...detailColumns(event.call), event.event, JSON.stringify(event.call)];
}

function ownedCallOf(row: CallRow): OwnedCall {
  return { call: callInfoOf(row), owner: row.owner };
}

/**
 * True for a failure of the connection rather than of the statement: no SQLSTATE (reset, refused,
 * terminated, timed out), or a class that means the server went away or cannot take the session
 * (08 connection exception, 57 operator intervention such as a shutdown, 53 insufficient resources).
 */
function isConnectionFailure(error: unknown): boolean {
  // The server's own errors carry a severity and a SQLSTATE; socket errors (ECONNRESET, EPIPE…) and pg's
  // "Connection terminated" / "Query read timeout" carry neither.
  const { severity, code } = (error ?? {}) as { severity?: unknown; code?: unknown };
  if (typeof severity !== 'string' || typeof code !== 'string') return true;
  return code.startsWith('08') || code.startsWith('57') || code.startsWith('53');
}
