/**
 * Redis going away under a cluster instance (TNT_STORE=postgres, TNT_BUS=redis): a private
 * redis-server the test stops and starts again (empty, as after a crash without persistence). The
 * owner of a live call queues its events meanwhile and flushes them when Redis is back, so a client
 * gets every event of the call once, in order; `/readyz`, `/metrics` and the log say so.
 */
import type { CallEventMessage, CallMessage, TranscriptMessage } from '@tnt/protocol';
import { RedisServerProcess } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName } from '@tnt/server/data-access-store-postgres/testing';
import { closed, ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import { startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { HistoryApi } from './support/history-api';
import { clusterEnv } from './support/shared-store-cluster';
import { TestClient } from './support/test-client';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** One second of silent stereo L16 at 16 kHz: the scripted engine (a SIMULATION) advances its script with the audio. */
const ONE_SECOND = Buffer.alloc(16_000 * 2 * 2);

function metric(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (!line) throw new Error(`metric ${name} not found`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

const isFinal = (event: CallEventMessage): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal;
const count = (text: string, part: string) => text.split(part).length - 1;

describe('cluster mode: Redis unreachable under a live call', () => {
  const schema = randomSchemaName();
  let redis: RedisServerProcess;
  let cluster: GatewayCluster;
  let watcher: TestClient;
  let token: string;
  const base = () => cluster.instanceUrl(0);
  const metrics = async () => (await fetch(`${base()}/metrics`)).text();

  beforeAll(async () => {
    redis = await RedisServerProcess.start();
    cluster = await startGatewayCluster({
      instances: 1,
      env: { ...clusterEnv({ schema, redisUrl: redis.url }), TNT_LOG_FORMAT: 'text' },
    });
    token = (await cluster.addUser('bus-outage-supervisor', 'supervisor')).token;
    watcher = await TestClient.watchingAllCalls(`ws://127.0.0.1:${cluster.instance(0).port}/ws?token=${token}`);
  });
  afterAll(async () => {
    watcher?.socket.terminate();
    await cluster?.stop();
    await redis?.stop();
    await dropSchema(schema);
  });

  it('queues a live call’s events while Redis is down and delivers every one once, in order, when it is back', async () => {
    const callId = 'bus-outage-call';
    const socket = await openSocket(`ws://127.0.0.1:${cluster.instance(0).port}/ingest/l16`, {
      headers: ingestHeaders(cluster.ingestApiKey),
    });
    const done = closed(socket);
    socket.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
    const events = () => watcher.eventsOf(callId);
    for (let second = 0; second < 60 && !events().some(isFinal); second++) {
      socket.send(ONE_SECOND);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(events().some(isFinal)).toBe(true);

    await redis.stop();
    const queued = await eventually(
      async () => {
        socket.send(ONE_SECOND);
        const text = await metrics();
        return metric(text, 'tnt_bus_queue_depth') >= 3 ? text : undefined;
      },
      'events queued for Redis',
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    expect(metric(queued, 'tnt_bus_reachable')).toBe(0);
    expect(metric(queued, 'tnt_bus_outages_total')).toBe(1);
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not ready', bus: false });

    await redis.restart();
    await eventually(async () => ((await fetch(`${base()}/readyz`)).status === 200 ? true : undefined), '/readyz 200', {
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    await eventually(async () => (metric(await metrics(), 'tnt_bus_queue_depth') === 0 ? true : undefined), 'the queue flushed', {
      timeoutMs: 20_000,
      intervalMs: 50,
    });
    socket.send(ONE_SECOND);
    socket.close(1000, 'call completed');
    await done;
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.call.id === callId && message.event === 'ended',
      20_000,
    );

    // Nothing was dropped (the queue stayed under its bound): every seq from the start to the end, once.
    const seqs = events().map((event) => event.seq);
    expect(seqs).toEqual(Array.from({ length: ended.seq }, (_, index) => index + 1));
    const stored = await new HistoryApi(base(), token).transcript(callId);
    expect(stored.segments).toEqual(
      events()
        .filter(isFinal)
        .map((event) => event.transcript),
    );
    const output = cluster.instance(0).output();
    expect(count(output, 'cannot be reached (')).toBe(1);
    expect(count(output, 'is reachable again after')).toBe(1);
    expect(metric(await metrics(), 'tnt_bus_reachable')).toBe(1);
  });
});
