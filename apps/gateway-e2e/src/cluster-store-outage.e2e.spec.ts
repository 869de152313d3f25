/**
 * PostgreSQL going away under a cluster instance (TNT_STORE=postgres, TNT_BUS=redis): the real
 * database behind a TCP relay the test cuts. A live call's interims keep reaching clients, its finals
 * wait and are stored and sent in order once the database is back; new calls are refused at their
 * start frame; `/readyz` and `/metrics` say so; the outage is logged once, its end once.
 */
import type { CallEventMessage, CallMessage, TranscriptMessage } from '@tnt/protocol';
import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { closed, ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import { startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { HistoryApi } from './support/history-api';
import { TcpCut } from './support/tcp-cut';
import { TestClient } from './support/test-client';
import { eventually } from '@tnt/shared/util-testing/eventually';

const REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** One second of silent stereo L16 at 16 kHz: the scripted engine (a SIMULATION) advances its script with the audio. */
const ONE_SECOND = Buffer.alloc(16_000 * 2 * 2);

function metric(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} not found`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

const isFinal = (event: CallEventMessage): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal;
const count = (text: string, part: string) => text.split(part).length - 1;

/** A one-instance cluster whose PostgreSQL connections go through a relay the test can cut. */
interface OutageRig {
  readonly relay: TcpCut;
  readonly cluster: GatewayCluster;
  readonly watcher: TestClient;
  readonly token: string;
}

/** Starts a rig before the tests of the enclosing `describe` (with `env` added) and stops it after them. */
function rigBehindRelay(env: Record<string, string> = {}): () => OutageRig {
  const schema = randomSchemaName();
  const redisPrefix = `tnt-test-${randomBytes(4).toString('hex')}:`;
  const database = new URL(TEST_DATABASE_URL);
  let rig: OutageRig | undefined;
  let relay: TcpCut | undefined;
  let cluster: GatewayCluster | undefined;
  let watcher: TestClient | undefined;
  beforeAll(async () => {
    relay = await TcpCut.inFrontOf({ host: database.hostname, port: Number(database.port || 5432) });
    const throughRelay = new URL(TEST_DATABASE_URL);
    throughRelay.port = String(relay.port);
    cluster = await startGatewayCluster({
      instances: 1,
      env: {
        TNT_ENGINE: 'scripted',
        TNT_STORE: 'postgres',
        TNT_BUS: 'redis',
        TNT_DATABASE_URL: throughRelay.toString(),
        TNT_DATABASE_SCHEMA: schema,
        TNT_REDIS_URL: REDIS_URL,
        TNT_REDIS_PREFIX: redisPrefix,
        TNT_LOG_FORMAT: 'text',
        ...env,
      },
    });
    const token = (await cluster.addUser('outage-supervisor', 'supervisor')).token;
    watcher = await TestClient.watchingAllCalls(`ws://127.0.0.1:${cluster.instance(0).port}/ws?token=${token}`);
    rig = { relay, cluster, watcher, token };
  });
  afterAll(async () => {
    watcher?.socket.terminate();
    await relay?.restore();
    await cluster?.stop();
    await relay?.close();
    await dropSchema(schema);
    await deleteKeysWithPrefix(REDIS_URL, redisPrefix);
  });
  return () => {
    if (!rig) throw new Error('the rig did not start');
    return rig;
  };
}

/** Opens an L16 call on the rig's instance and sends its start frame. */
async function openCall(
  cluster: GatewayCluster,
  callId: string,
): Promise<{ socket: WebSocket; done: Promise<{ code: number; reason: string }> }> {
  const socket = await openSocket(`ws://127.0.0.1:${cluster.instance(0).port}/ingest/l16`, {
    headers: ingestHeaders(cluster.ingestApiKey),
  });
  const done = closed(socket);
  socket.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
  return { socket, done };
}

/** Sends a second of audio at a time until `find` finds something (the scripted engine makes segments from the audio it gets). */
async function sendUntil<T>(socket: WebSocket, find: () => T | undefined, what: string): Promise<T> {
  for (let second = 0; second < 120; second++) {
    const found = find();
    if (found !== undefined) return found;
    if (socket.readyState === socket.OPEN) socket.send(ONE_SECOND);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${what} after 120 s of audio`);
}

describe('cluster mode: PostgreSQL unreachable under a live call', () => {
  const rig = rigBehindRelay();
  const base = () => rig().cluster.instanceUrl(0);
  const metrics = async () => (await fetch(`${base()}/metrics`)).text();

  it('keeps interims flowing and finals waiting, refuses new calls, then stores and sends every final once, in order', async () => {
    const callId = 'outage-call';
    const { relay, cluster, watcher, token } = rig();
    const call = await openCall(cluster, callId);
    const events = () => watcher.eventsOf(callId);
    const firstFinal = await sendUntil(call.socket, () => events().find(isFinal), 'final');

    await relay.cut();
    const seenAtCut = events().length;
    // Audio goes on: the interims it makes reach the client, the finals wait for the database.
    const interimAfterCut = () =>
      events()
        .slice(seenAtCut)
        .some((event) => event.type === 'transcript')
        ? true
        : undefined;
    await sendUntil(call.socket, interimAfterCut, 'interim');
    const waiting = await eventually(
      async () => {
        const value = metric(await metrics(), 'tnt_store_waiting_events');
        if (value > 0) return value;
        call.socket.send(ONE_SECOND);
        return undefined;
      },
      'a final waiting for PostgreSQL',
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    expect(waiting).toBeGreaterThan(0);
    expect(events().slice(seenAtCut).filter(isFinal)).toEqual([]);

    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', store: expect.stringMatching(/^cannot be reached/) });
    const refused = await openCall(cluster, 'refused-while-down');
    await expect(refused.done).resolves.toEqual({ code: 1013, reason: expect.stringMatching(/^INGEST_STORE_UNAVAILABLE/) });
    const during = await metrics();
    expect(metric(during, 'tnt_store_reachable')).toBe(0);
    expect(metric(during, 'tnt_store_outages_total')).toBe(1);

    await relay.restore();
    await eventually(
      async () => (metric(await metrics(), 'tnt_store_waiting_events') === 0 ? true : undefined),
      'the waiting events stored',
      { timeoutMs: 15_000, intervalMs: 50 },
    );
    await eventually(async () => ((await fetch(`${base()}/readyz`)).status === 200 ? true : undefined), '/readyz 200', {
      timeoutMs: 15_000,
      intervalMs: 50,
    });
    call.socket.send(ONE_SECOND);
    call.socket.close(1000, 'call completed');
    await call.done;
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.call.id === callId && message.event === 'ended',
    );

    const received = events();
    const seqs = received.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const finals = received.filter(isFinal);
    expect(new Set(finals.map((event) => event.transcript.id)).size).toBe(finals.length);
    expect(finals.some((event) => event.seq > firstFinal.seq && received.indexOf(event) >= seenAtCut)).toBe(true);
    expect(ended).toMatchObject({ seq: Math.max(...seqs), call: { endReason: 'completed' } });

    const stored = await new HistoryApi(base(), token).transcript(callId);
    expect(stored.segments).toEqual(finals.map((event) => event.transcript));
    const output = cluster.instance(0).output();
    expect(count(output, 'the call store cannot be reached')).toBe(1);
    expect(count(output, 'the call store answers again')).toBe(1);
  });
});

describe('cluster mode: PostgreSQL unreachable for longer than a call may wait', () => {
  const rig = rigBehindRelay({ TNT_STORE_BACKLOG_PER_CALL: '1' });

  it('ends the call as store-unavailable, closing its audio with 1013, and stores what waited and the end once it returns', async () => {
    const callId = 'overflowing-call';
    const { relay, cluster, watcher, token } = rig();
    const call = await openCall(cluster, callId);
    const events = () => watcher.eventsOf(callId);
    await sendUntil(call.socket, () => events().find(isFinal), 'final');

    await relay.cut();
    // One final may wait; the next one finds the backlog full.
    await sendUntil(call.socket, () => (call.socket.readyState === call.socket.OPEN ? undefined : true), 'close');
    await expect(call.done).resolves.toEqual({ code: 1013, reason: expect.stringMatching(/^INGEST_STORE_UNAVAILABLE/) });
    expect(events().some((event) => event.type === 'call' && event.event === 'ended')).toBe(false);

    await relay.restore();
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.call.id === callId && message.event === 'ended',
      20_000,
    );
    expect(ended.call).toMatchObject({ status: 'ended', endReason: 'store-unavailable' });
    const received = events();
    const seqs = received.map((event) => event.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(ended.seq).toBe(Math.max(...seqs));
    const stored = await new HistoryApi(rig().cluster.instanceUrl(0), token).transcript(callId);
    expect(stored.segments).toEqual(received.filter(isFinal).map((event) => event.transcript));
    expect(await new HistoryApi(rig().cluster.instanceUrl(0), token).getCall(callId)).toMatchObject({ endReason: 'store-unavailable' });
    const text = await (await fetch(`${rig().cluster.instanceUrl(0)}/metrics`)).text();
    expect(metric(text, 'tnt_store_backlog_overflows_total')).toBeGreaterThanOrEqual(1);
    expect(count(cluster.instance(0).output(), 'the newest is not kept')).toBe(1);
  });
});
