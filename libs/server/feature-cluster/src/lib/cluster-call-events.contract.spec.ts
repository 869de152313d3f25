import { RedisEventStream } from '@tnt/server/data-access-bus-redis';
import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { PostgresCallStorage } from '@tnt/server/data-access-store-postgres';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { describeCallEventsContract } from '@tnt/server/feature-sessions/testing';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { randomBytes } from 'node:crypto';
import { ClusterCallEventStore } from './cluster-call-event-store';
import { FirehoseFeed } from './firehose-feed';

const REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

// The real PostgreSQL and Redis, each test on its own schema and key prefix.
describeCallEventsContract('PostgreSQL log + Redis stream (one cluster instance)', async () => {
  const schema = randomSchemaName();
  const keyPrefix = `tnt-test-${randomBytes(6).toString('hex')}:`;
  const instanceId = `contract-${randomBytes(3).toString('hex')}`;
  const postgres = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId });
  const stream = new RedisEventStream({
    url: REDIS_URL,
    keyPrefix,
    instanceId,
    confirmOwnership: async (callId) => (await postgres.log.getCall(callId))?.owner === instanceId,
  });
  const ring = new MemoryCallEventStore(1_000);
  const feed = new FirehoseFeed(ring, postgres.log, stream, new PrometheusMetrics());
  return {
    store: new ClusterCallEventStore(ring, postgres.log, stream),
    bus: feed,
    start: async () => {
      await feed.preload();
      await stream.start();
    },
    close: async () => {
      await stream.close();
      await postgres.close();
      await dropSchema(schema);
      await deleteKeysWithPrefix(REDIS_URL, keyPrefix);
    },
  };
});
