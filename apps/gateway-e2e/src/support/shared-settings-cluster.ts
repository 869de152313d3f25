import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { eventually } from '@tnt/shared/util-testing/eventually';
import { startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { randomBytes } from 'node:crypto';

const REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** Two gateway processes on one fresh PostgreSQL schema and one Redis prefix; `stop` removes both. */
export interface SharedSettingsCluster {
  readonly cluster: GatewayCluster;
  stop(): Promise<void>;
}

/**
 * Starts the cluster the extension-settings e2e specs (alert rules, assist cards) share: the scripted
 * engine, `TNT_STORE=postgres` in a schema of its own, `TNT_BUS=redis` under a prefix of its own.
 */
export async function startSharedSettingsCluster(): Promise<SharedSettingsCluster> {
  const schema = randomSchemaName();
  const redisPrefix = `tnt-test-${randomBytes(4).toString('hex')}:`;
  const cleanUp = async () => {
    await dropSchema(schema);
    await deleteKeysWithPrefix(REDIS_URL, redisPrefix);
  };
  let cluster: GatewayCluster;
  try {
    cluster = await startGatewayCluster({
      instances: 2,
      env: {
        TNT_ENGINE: 'scripted',
        TNT_STORE: 'postgres',
        TNT_BUS: 'redis',
        TNT_DATABASE_URL: TEST_DATABASE_URL,
        TNT_DATABASE_SCHEMA: schema,
        TNT_REDIS_URL: REDIS_URL,
        TNT_REDIS_PREFIX: redisPrefix,
      },
    });
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

/** The gauge `metric` (`tnt_alert_rules_version`) of instance `index`: the store version it has in force. */
export async function versionInForce(cluster: GatewayCluster, index: number, metric: string): Promise<number> {
  const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric} `));
  if (!line) throw new Error(`instance ${index} has no ${metric} metric`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Waits until instance `index` has version `expected` in force (it reloads on its own 2 s timer),
 * failing after 15 s with a message naming the instance, the metric and the version awaited.
 */
export async function awaitVersionInForce(cluster: GatewayCluster, index: number, metric: string, expected: number): Promise<void> {
  await eventually(
    async () => (await versionInForce(cluster, index, metric)) === expected,
    `instance ${index}'s ${metric} is ${expected}`,
    {
      timeoutMs: 15_000,
      intervalMs: 200,
    },
  );
}
