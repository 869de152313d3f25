import type { CallEventMessage } from '@tnt/protocol';
import { CallAlreadyStored, CallOwnershipLost, LogUnreachable } from '@tnt/server/util-cluster';
import { createServer } from 'node:net';
import { Client, Pool } from 'pg';
import { activeCall, ended, finalsOf, started, transcript } from '../testing/call-fixtures';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { PostgresCallLog } from './postgres-call-log';
import { PostgresCallStorage } from './postgres-call-storage';
import { schemaObjects } from './schema-objects';
import { eventually } from '@tnt/shared/util-testing/eventually';

describe('PostgresCallLog', () => {
  const schema = randomSchemaName();
  const open = (instanceId: string) => PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId });
  let first: PostgresCallStorage;
  let second: PostgresCallStorage;
  let callNumber = 0;
  let callId: string;

  beforeAll(async () => {
    first = await open('instance-a');
    second = await open('instance-b');
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await dropSchema(schema);
  });
  // One schema for the file; each test records its own call.
  beforeEach(() => (callId = `call-${++callNumber}`));

  /** A call with an interim before each final, like a speech engine produces. */
  async function recordConversation(id: string, storage = first): Promise<CallEventMessage[]> {
    const call = activeCall(id);
    const events: CallEventMessage[] = [
      started(call),
      transcript(id, 2, 'u1', 'I have a', { isFinal: false }),
      transcript(id, 3, 'u1', 'I have a question about my bill'),
      transcript(id, 4, 'u2', 'sure', { isFinal: false, speaker: 'agent' }),
      transcript(id, 5, 'u2', 'Sure, what is the question?', { speaker: 'agent', annotations: { sentiment: 0.4, redacted: false } }),
      { type: 'call', event: 'updated', seq: 6, call: { ...call, agentId: 'agent-7' } },
      transcript(id, 8, 'u3', 'why was I charged twice'),
    ];
    await storage.log.createCall(call);
    for (const event of events) await storage.log.append(event);
    return events;
  }

  it('replays call events and final segments after since, without interims, bounded by until', async () => {
    const events = await recordConversation(callId);
    const replay = await first.log.eventsAfter(callId, 0);
    expect(replay?.map((event) => event.seq)).toEqual([1, 3, 5, 6, 8]);
    expect(replay).toEqual(events.filter((event) => event.type !== 'transcript' || event.transcript.isFinal));
    expect((await first.log.eventsAfter(callId, 3))?.map((event) => event.seq)).toEqual([5, 6, 8]);
    expect((await first.log.eventsAfter(callId, 1, 6))?.map((event) => event.seq)).toEqual([3, 5]);
    expect(await first.log.eventsAfter(callId, 8)).toEqual([]);
  });

  it('keeps lastSeq at the last stored event: interims are not stored and do not move it', async () => {
    await recordConversation(callId);
    await first.log.append(transcript(callId, 9, 'u4', 'and', { isFinal: false }));
    expect(await first.log.getCall(callId)).toEqual({
      owner: 'instance-a',
      call: { ...activeCall(callId, 'agent-7'), lastSeq: 8 },
    });
    expect(await first.log.eventsAfter(callId, 9)).toBeUndefined();
  });

  it("keeps the conversation's language from the start and each call event, read by any instance, and none when not named", async () => {
    const call = { ...activeCall(callId), language: 'es-ES' };
    await first.log.createCall(call);
    await first.log.append(started(call));
    expect(await second.log.getCall(callId)).toEqual({ owner: 'instance-a', call: { ...call, lastSeq: 1 } });
    await first.log.append({ type: 'call', event: 'updated', seq: 2, call: { ...call, language: 'ca-ES' } });
    await first.log.append(ended({ ...call, language: 'ca-ES' }, 3));
    expect((await second.log.snapshot(callId))?.call).toMatchObject({ status: 'ended', from: '+15550100', language: 'ca-ES' });

    const unnamed = `${callId}-unnamed`;
    await first.log.createCall(activeCall(unnamed));
    expect((await second.log.getCall(unnamed))?.call).not.toHaveProperty('language');
  });

  it('cannot replay from a since ahead of the call, before 0, or of an unknown call', async () => {
    await recordConversation(callId);
    expect(await first.log.eventsAfter(callId, 9)).toBeUndefined();
    expect(await first.log.eventsAfter(callId, -1)).toBeUndefined();
    expect(await first.log.eventsAfter('nobody', 0)).toBeUndefined();
  });

  it('snapshots the call with lastSeq and every final in order, as SQLite does', async () => {
    await recordConversation(callId);
    const snapshot = await second.log.snapshot(callId);
    expect(snapshot).toEqual({
      type: 'snapshot',
      callId,
      seq: 8,
      call: { ...activeCall(callId, 'agent-7'), lastSeq: 8 },
      transcript: finalsOf((await first.log.eventsAfter(callId, 0)) ?? []).map((event) => event.transcript),
      insights: [],
    });
    expect(snapshot?.transcript.map((segment) => segment.text)).toEqual([
      'I have a question about my bill',
      'Sure, what is the question?',
      'why was I charged twice',
    ]);
    expect(await first.log.snapshot('nobody')).toBeUndefined();
  });

  it('refuses an event whose seq does not advance, and stores nothing of it', async () => {
    await recordConversation(callId);
    await expect(first.log.append(transcript(callId, 7, 'u9', 'from the past'))).rejects.toThrow(
      `call ${callId}: event seq 7 does not advance past the stored last seq 8`,
    );
    await expect(first.log.append(transcript(callId, 8, 'u9', 'same seq, other words'))).rejects.toThrow(/does not advance/);
    expect(finalsOf((await first.log.eventsAfter(callId, 0)) ?? []).map((event) => event.transcript.id)).toEqual(['u1', 'u2', 'u3']);
  });

  it('treats a retry of exactly the stored event as done', async () => {
    const events = await recordConversation(callId);
    await first.log.append(events[events.length - 1]);
    await first.log.append(events[5]);
    expect((await first.log.getCall(callId))?.call.lastSeq).toBe(8);
    expect(await first.log.eventsAfter(callId, 0)).toHaveLength(5);
  });

  it('refuses a second call with the same id, events of unknown calls, and events after the end', async () => {
    const call = activeCall(callId);
    await first.log.createCall(call);
    await first.log.append(started(call));
    await expect(second.log.createCall(call)).rejects.toThrow(CallAlreadyStored);
    await expect(first.log.append(transcript('ghost', 1, 'u1', 'boo'))).rejects.toThrow('call ghost is not stored');
    await first.log.append(ended(call, 2));
    await expect(first.log.append(transcript(callId, 3, 'u1', 'too late'))).rejects.toThrow(`call ${callId} has already ended`);
    expect(await first.log.getCall(callId)).toMatchObject({ call: { status: 'ended', endReason: 'completed', lastSeq: 2 } });
  });

  it('fences the old owner after a take-over: its appends are refused and store nothing', async () => {
    await recordConversation(callId);
    await expect(second.log.append(transcript(callId, 9, 'x', 'not mine'))).rejects.toThrow(CallOwnershipLost);

    const taken = await second.log.takeOver(callId);
    expect(taken).toEqual({ owner: 'instance-b', call: { ...activeCall(callId, 'agent-7'), lastSeq: 8 } });
    const refused = first.log.append(transcript(callId, 9, 'u4', 'a paused owner wakes up'));
    await expect(refused).rejects.toThrow(CallOwnershipLost);
    await expect(refused).rejects.toMatchObject({ callId, owner: 'instance-b' });

    await second.log.append(transcript(callId, 9, 'u4', 'numbering continues on the new owner'));
    const tail = await first.log.eventsAfter(callId, 8);
    expect(tail?.map((event) => event.type === 'transcript' && event.transcript.text)).toEqual(['numbering continues on the new owner']);
  });

  it('lets exactly one of two survivors reaping a dead instance take its call over', async () => {
    const dead = await open('instance-dead');
    try {
      await recordConversation(callId, dead);
    } finally {
      await dead.close();
    }
    const outcomes = await Promise.all([first.log.takeOver(callId, 'instance-dead'), second.log.takeOver(callId, 'instance-dead')]);
    const winners = outcomes.filter((outcome) => outcome !== undefined);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.call.lastSeq).toBe(8);
    expect((await first.log.getCall(callId))?.owner).toBe(winners[0]?.owner);
  });

  it('does not take over an ended or unknown call', async () => {
    const call = activeCall(callId);
    await first.log.createCall(call);
    await first.log.append(started(call));
    await first.log.append(ended(call, 2));
    expect(await second.log.takeOver(callId)).toBeUndefined();
    expect(await second.log.takeOver('nobody')).toBeUndefined();
  });

  it('lists active calls newest first with their owners', async () => {
    const older = `${callId}-older`;
    const newer = `${callId}-newer`;
    await first.log.createCall(activeCall(older));
    await second.log.createCall(activeCall(newer));
    const active = (await first.log.activeCalls()).filter((owned) => owned.call.id.startsWith(`${callId}-`));
    expect(active.map((owned) => [owned.call.id, owned.owner, owned.call.lastSeq])).toEqual([
      [newer, 'instance-b', 0],
      [older, 'instance-a', 0],
    ]);
  });

  it('says an append to a server it cannot connect to was not sent, so it may be renumbered', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, connectionTimeoutMillis: 1000 });
    try {
      const unreachable = new PostgresCallLog(pool, schemaObjects(schema), 'instance-a');
      const refused = await unreachable.append(transcript(callId, 2, 'u1', 'hello')).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(LogUnreachable);
      expect(refused).toMatchObject({ mayHaveCommitted: false });
    } finally {
      await pool.end();
    }
  });

  it('says an append whose connection died after sending it may have committed; the same append then stores it once', async () => {
    const call = activeCall(callId);
    await first.log.createCall(call);
    await first.log.append(started(call));
    const final = transcript(callId, 2, 'u1', 'kept once');
    // Another session holds the call's row, so the append waits on its lock; then its backend is terminated.
    // A third session looks for the waiting backend: pg_stat_activity is read once per transaction, so the
    // holder, inside its transaction, would keep seeing the moment before the append began to wait.
    const holder = new Client({ connectionString: TEST_DATABASE_URL });
    const observer = new Client({ connectionString: TEST_DATABASE_URL });
    await holder.connect();
    await observer.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM ${schema}.calls WHERE id = $1 FOR UPDATE`, [callId]);
      let settled = false;
      const append = first.log.append(final).then(
        () => ((settled = true), undefined),
        (error: unknown) => ((settled = true), error),
      );
      let terminated = false;
      await eventually(async () => {
        if (settled) return true;
        const waiting = await observer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO ${schema}.segments%'`,
        );
        for (const { pid } of waiting.rows) terminated = (await observer.query('SELECT pg_terminate_backend($1)', [pid])).rowCount === 1;
        return terminated;
      }, 'the append waiting on the locked call row was terminated (or settled)');
      const failure = await append;
      expect(failure).toBeInstanceOf(LogUnreachable);
      expect(failure).toMatchObject({ mayHaveCommitted: true });
      await holder.query('COMMIT');
    } finally {
      await holder.end();
      await observer.end();
    }
    await first.log.append(final);
    await first.log.append(final);
    expect(await first.log.eventsAfter(callId, 0)).toEqual([started(call), final]);
  });
});
