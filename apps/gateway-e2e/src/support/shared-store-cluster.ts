import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { randomBytes } from 'node:crypto';

/** The Redis the cluster specs share (each under a key prefix of its own), unless a spec starts its own. */
export const TEST_REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Where a cluster's instances keep and share their state, for {@link clusterEnv}. */
export interface SharedStoreOptions {
  /** The PostgreSQL schema of this test alone. */
  readonly schema: string;
  /** Default {@link TEST_REDIS_URL}. */
  readonly redisUrl?: string;
  /** The Redis key prefix of this test alone; absent: the gateway's own (a private Redis). */
  readonly redisPrefix?: string;
}

/** The environment of a gateway in cluster mode: the scripted engine, `TNT_STORE=postgres`, `TNT_BUS=redis`. */
export function clusterEnv(options: SharedStoreOptions): Record<string, string> {
  return {
    TNT_ENGINE: 'scripted',
    TNT_STORE: 'postgres',
    TNT_BUS: 'redis',
    TNT_DATABASE_URL: TEST_DATABASE_URL,
    TNT_DATABASE_SCHEMA: options.schema,
    TNT_REDIS_URL: options.redisUrl ?? TEST_REDIS_URL,
    ...(options.redisPrefix === undefined ? {} : { TNT_REDIS_PREFIX: options.redisPrefix }),
  };
}

/** Two gateway processes on one fresh PostgreSQL schema and one Redis prefix; `stop` removes both. */
export interface SharedStoreCluster {
  readonly cluster: GatewayCluster;
  stop(): Promise<void>;
}

/**
 * Starts two gateways ({@link clusterEnv}, with `env` over it: `TNT_ENGINE=pocketsphinx`) on a
 * PostgreSQL schema and a Redis prefix of their own, which they share (users, extension settings,
 * language texts, the bus); a start that fails removes both.
 */
export async function startSharedStoreCluster(env: Readonly<Record<string, string>> = {}): Promise<SharedStoreCluster> {
  const schema = randomSchemaName();
  const redisPrefix = `tnt-test-${randomBytes(4).toString('hex')}:`;
  const cleanUp = async () => {
    await dropSchema(schema);
    await deleteKeysWithPrefix(TEST_REDIS_URL, redisPrefix);
  };
  let cluster: GatewayCluster;
  try {
    cluster = await startGatewayCluster({ instances: 2, env: { ...clusterEnv({ schema, redisPrefix }), ...env } });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    cluster,
    stop: async () => {
      await cluster.stop();
      await cleanUp();
    },
  };
}
