/**
 * Phrase-alert rules in cluster mode: two gateway processes on one PostgreSQL schema and one Redis
 * prefix. A supervisor saves a rule on instance 0; a call whose audio goes to instance 1 (so whose
 * transcript processors run there) raises the new alert. SIMULATION: the scripted engine's
 * conversations stand in for speech; the agent of each says "you".
 */
import { isAlertInsight, type AlertRulesState, type InsightMessage, type ServerMessage } from '@tnt/protocol';
import { deleteKeysWithPrefix } from '@tnt/server/data-access-bus-redis/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { startGatewayCluster, type GatewayCluster } from '@tnt/tools/util-gateway-process';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { randomBytes } from 'node:crypto';
import { IngestCall } from './support/ingest-call';

const REDIS_URL = process.env['TNT_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const RULE = { name: 'you-said', regex: '\\byou\\b', severity: 'critical' } as const;

jest.setTimeout(90_000);

/** `tnt_alert_rules_version` of one instance: the store version of the rules it has in force. */
async function versionInForce(cluster: GatewayCluster, index: number): Promise<number> {
  const text = await (await fetch(`${cluster.instanceUrl(index)}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith('tnt_alert_rules_version '));
  if (!line) throw new Error(`instance ${index} has no tnt_alert_rules_version metric`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Polls `read` until it gives `expected` (the other instance reloads on its own timer), up to `attempts` × 200 ms. */
async function eventually<T>(read: () => Promise<T>, expected: T, attempts = 75): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < attempts && value !== expected; attempt++) {
    await new Promise((next) => setTimeout(next, 200));
    value = await read();
  }
  return value;
}

describe('cluster mode: alert rules every instance shares', () => {
  const schema = randomSchemaName();
  const redisPrefix = `tnt-test-${randomBytes(4).toString('hex')}:`;
  let cluster: GatewayCluster;
  let supervisorToken: string;
  const ingests: IngestCall[] = [];

  beforeAll(async () => {
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
    supervisorToken = (await cluster.addUser('rules-lead', 'supervisor')).token;
  }, 120_000);
  afterAll(async () => {
    for (const ingest of ingests) ingest.cut();
    await cluster?.stop();
    await dropSchema(schema);
    await deleteKeysWithPrefix(REDIS_URL, redisPrefix);
  });

  it('raises a rule saved on one instance in a call another instance owns', async () => {
    const headers = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const before = (await (await fetch(`${cluster.instanceUrl(1)}/api/alert-rules`, { headers })).json()) as AlertRulesState;
    expect(before).toEqual({ rules: [], version: 0 });

    const saved = await fetch(`${cluster.instanceUrl(0)}/api/alert-rules`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ rules: [RULE], version: 0 }),
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ rules: [RULE], version: 1 });
    // Instance 1 was not asked: it reads the store's version on its reload timer.
    expect(await eventually(() => versionInForce(cluster, 1), 1)).toBe(1);

    const watcher = await ProtocolClient.connect(cluster.instance(0).wsUrl, { token: supervisorToken, keepMessages: true });
    try {
      await watcher.subscribe('*');
      const callId = `rules-${randomBytes(6).toString('hex')}`;
      ingests.push(
        await IngestCall.open({
          baseUrl: cluster.instanceUrl(1),
          ingestApiKey: cluster.ingestApiKey,
          callId,
          agentId: 'agent-1',
          speed: 5,
        }),
      );
      const alert = await watcher.waitFor(
        (message: ServerMessage): message is InsightMessage =>
          message.type === 'insight' && message.callId === callId && isAlertInsight(message.insight) && message.insight.name === RULE.name,
        60_000,
      );
      expect(alert.insight).toMatchObject({ kind: 'alert', rule: 'you-said', severity: 'critical' });
    } finally {
      await watcher.close();
    }
  });

  it('refuses, on either instance, a save over a version the other one saved past', async () => {
    const headers = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${cluster.instanceUrl(1)}/api/alert-rules`, { headers })).json()) as AlertRulesState;
    const put = (index: number) =>
      fetch(`${cluster.instanceUrl(index)}/api/alert-rules`, {
        method: 'PUT',
        headers: { ...headers, 'if-match': `"${current.version}"` },
        body: JSON.stringify({ rules: [{ ...RULE, name: `edit-on-${index}` }] }),
      });
    const answers = await Promise.all([put(0), put(1)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await eventually(() => versionInForce(cluster, 0), current.version + 1)).toBe(current.version + 1);
    expect(await eventually(() => versionInForce(cluster, 1), current.version + 1)).toBe(current.version + 1);
  });
});
