import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import { RedisEventStream } from '@tnt/server/data-access-bus-redis';
import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { PostgresCallStorage } from '@tnt/server/data-access-store-postgres';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { randomBytes } from 'node:crypto';
import { ClusterCallEventStore } from './cluster-call-event-store';
import { FirehoseFeed } from './firehose-feed';

const REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function activeCall(id: string): CallInfo {
  return { id, agentId: 'agent-1', startedAt: '2026-03-01T10:00:00.000Z', status: 'active' };
}

function final(callId: string, seq: number): CallEventMessage {
  return {
    type: 'transcript',
    callId,
    seq,
    transcript: {
      id: `u${seq}`,
      text: `final ${seq}`,
      speaker: 'caller',
      confidence: 0.9,
      timestamp: '2026-03-01T10:00:01.000Z',
      isFinal: true,
      startMs: seq * 1000,
      endMs: seq * 1000 + 800,
      engine: 'scripted',
      simulated: true,
    },
  };
}

/**
 * The store of one cluster instance whose feed has not read the stream (it is not started): the
 * PostgreSQL log is ahead of the ring, as it is for the moment between an owner's commit and the
 * stream append reaching this instance. Real PostgreSQL and Redis, a schema and key prefix of its own.
 */
describe('ClusterCallEventStore replay while its feed is behind the log', () => {
  const schema = randomSchemaName();
  const keyPrefix = `tnt-test-${randomBytes(6).toString('hex')}:`;
  const instanceId = `replay-${randomBytes(3).toString('hex')}`;
  let postgres: PostgresCallStorage;
  let stream: RedisEventStream;
  let ring: MemoryCallEventStore;
  let feed: FirehoseFeed;
  let store: ClusterCallEventStore;

  beforeAll(async () => {
    postgres = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId });
    stream = new RedisEventStream({ url: REDIS_URL, keyPrefix, instanceId });
    ring = new MemoryCallEventStore(1_000);
    feed = new FirehoseFeed(ring, postgres.log, stream, new PrometheusMetrics());
    store = new ClusterCallEventStore(ring, postgres.log, stream);
  });

  afterAll(async () => {
    await stream.close();
    await postgres.close();
    await dropSchema(schema);
    await deleteKeysWithPrefix(REDIS_URL, keyPrefix);
  });

  async function storeCall(id: string, finals: number): Promise<CallInfo> {
    const call = activeCall(id);
    await store.createCall(call);
    await store.append({ type: 'call', event: 'started', seq: 1, call });
    for (let seq = 2; seq < finals + 2; seq++) await store.append(final(id, seq));
    return call;
  }

  it('replays nothing of an active call its feed has not brought yet, since all of it will arrive live', async () => {
    await storeCall('not-fed-yet', 2);

    expect(await store.eventsSince('not-fed-yet', 0)).toEqual([]);
  });

  it('stops a replay from the log at the newest event its feed has handed on', async () => {
    await storeCall('fed-to-seq-3', 2);
    // Preloading holds the call at the log's newest seq (3), as an instance starting now would.
    await feed.preload();
    await store.append(final('fed-to-seq-3', 4));

    const replay = await store.eventsSince('fed-to-seq-3', 0);

    expect(replay?.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('replays the whole stored history of an ended call the ring no longer holds', async () => {
    const call = await storeCall('ended-long-ago', 1);
    await store.append({
      type: 'call',
      event: 'ended',
      seq: 3,
      call: { ...call, status: 'ended', endedAt: '2026-03-01T10:05:00.000Z', endReason: 'completed' },
    });

    const replay = await store.eventsSince('ended-long-ago', 0);

    expect(replay?.map((event) => event.seq)).toEqual([1, 2, 3]);
  });
});
