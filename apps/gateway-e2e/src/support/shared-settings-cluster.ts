import type { InsightMessage, ServerMessage } from '@tnt/protocol';
import { eventually } from '@tnt/shared/util-testing/eventually';
import type { GatewayCluster } from '@tnt/tools/util-gateway-process';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { randomBytes } from 'node:crypto';
import { IngestCall } from './ingest-call';
import { startSharedStoreCluster, type SharedStoreCluster } from './shared-store-cluster';

/** The gauge `metric` (`tnt_alert_rules_version`) of instance `index`: the store version it has in force. */
async function versionInForce(cluster: GatewayCluster, index: number, metric: string): Promise<number> {
  const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${metric} `));
  if (!line) throw new Error(`instance ${index} has no ${metric} metric`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * Waits until instance `index` has version `expected` in force (it reloads on its own 2 s timer),
 * failing after 15 s with a message naming the instance, the metric and the version awaited.
 */
async function awaitVersionInForce(cluster: GatewayCluster, index: number, metric: string, expected: number): Promise<void> {
  await eventually(
    async () => (await versionInForce(cluster, index, metric)) === expected,
    `instance ${index}'s ${metric} is ${expected}`,
    {
      timeoutMs: 15_000,
      intervalMs: 200,
    },
  );
}

/** One extension's settings API, for {@link useSharedSettingsCluster}. */
export interface SettingsApi {
  /** `/api/alert-rules` */
  readonly path: string;
  /** The gauge of the version in force (`tnt_alert_rules_version`). */
  readonly versionMetric: string;
  /** The supervisor the tests sign in as (`rules-lead`). */
  readonly supervisor: string;
}

/** What the tests of a `describe` using {@link useSharedSettingsCluster} see. */
export interface SharedSettingsCluster {
  readonly cluster: GatewayCluster;
  readonly supervisorToken: string;
  /** `GET <path>` on instance `index`, as the supervisor: the parsed body. */
  read<S>(index: number): Promise<S>;
  /** `PUT <path>` of `body` on instance `index`, as the supervisor, with `headers` added. */
  write(index: number, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Waits until both instances have version `expected` in force. */
  awaitVersionOnBoth(expected: number): Promise<void>;
  /** Waits until instance `index` has version `expected` in force. */
  awaitVersion(index: number, expected: number): Promise<void>;
  /**
   * Sends a call (its id starts with `callPrefix`) to instance `index` (so its transcript processors
   * run there) and answers the first insight of it that `matches`, watched from instance 0 (60 s at most).
   */
  insightOfCallOn(index: number, callPrefix: string, matches: (insight: InsightMessage['insight']) => boolean): Promise<InsightMessage>;
}

/**
 * Before the tests of the enclosing `describe`, starts the two-instance cluster of the shared-settings
 * specs ({@link startSharedStoreCluster}) and signs a supervisor in; after them, cuts their calls
 * and stops it. Answers the cluster as the tests see it (call it inside a test).
 */
export function useSharedSettingsCluster(api: SettingsApi): () => SharedSettingsCluster {
  let shared: SharedStoreCluster | undefined;
  let rig: SharedSettingsCluster | undefined;
  const ingests: IngestCall[] = [];

  beforeAll(async () => {
    shared = await startSharedStoreCluster();
    const { cluster } = shared;
    const supervisorToken = (await cluster.addUser(api.supervisor, 'supervisor')).token;
    const headers = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const awaitVersion = (index: number, expected: number) => awaitVersionInForce(cluster, index, api.versionMetric, expected);
    rig = {
      cluster,
      supervisorToken,
      read: async <S>(index: number) => (await (await fetch(`${cluster.instanceUrl(index)}${api.path}`, { headers })).json()) as S,
      write: (index, body, added = {}) =>
        fetch(`${cluster.instanceUrl(index)}${api.path}`, { method: 'PUT', headers: { ...headers, ...added }, body: JSON.stringify(body) }),
      awaitVersion,
      awaitVersionOnBoth: async (expected) => {
        await awaitVersion(0, expected);
        await awaitVersion(1, expected);
      },
      insightOfCallOn: async (index, callPrefix, matches) => {
        const watcher = await ProtocolClient.connect(cluster.instance(0).wsUrl, { token: supervisorToken, keepMessages: true });
        try {
          await watcher.subscribe('*');
          const callId = `${callPrefix}-${randomBytes(6).toString('hex')}`;
          ingests.push(
            await IngestCall.open({
              baseUrl: cluster.instanceUrl(index),
              ingestApiKey: cluster.ingestApiKey,
              callId,
              agentId: 'agent-1',
              speed: 5,
            }),
          );
          return await watcher.waitFor(
            (message: ServerMessage): message is InsightMessage =>
              message.type === 'insight' && message.callId === callId && matches(message.insight),
            60_000,
          );
        } finally {
          await watcher.close();
        }
      },
    };
  }, 120_000);
  afterAll(async () => {
    for (const ingest of ingests) ingest.cut();
    await shared?.stop();
  });

  return () => {
    if (!rig) throw new Error('the shared-settings cluster did not start (see beforeAll)');
    return rig;
  };
}
