/**
 * Phrase-alert rules in cluster mode: two gateway processes on one PostgreSQL schema and one Redis
 * prefix. A supervisor saves a rule on instance 0; a call whose audio goes to instance 1 (so whose
 * transcript processors run there) raises the new alert. SIMULATION: the scripted engine's
 * conversations stand in for speech; the agent of each says "you".
 */
import { isAlertInsight, type AlertRulesState, type InsightMessage, type ServerMessage } from '@tnt/protocol';
import type { GatewayCluster } from '@tnt/tools/util-gateway-process';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { randomBytes } from 'node:crypto';
import { IngestCall } from './support/ingest-call';
import { awaitVersionInForce, startSharedSettingsCluster, type SharedSettingsCluster } from './support/shared-settings-cluster';

const RULE = { name: 'you-said', regex: '\\byou\\b', severity: 'critical' } as const;
const VERSION_METRIC = 'tnt_alert_rules_version';

jest.setTimeout(90_000);

describe('cluster mode: alert rules every instance shares', () => {
  let shared: SharedSettingsCluster;
  let cluster: GatewayCluster;
  let supervisorToken: string;
  const ingests: IngestCall[] = [];

  beforeAll(async () => {
    shared = await startSharedSettingsCluster();
    cluster = shared.cluster;
    supervisorToken = (await cluster.addUser('rules-lead', 'supervisor')).token;
  }, 120_000);
  afterAll(async () => {
    for (const ingest of ingests) ingest.cut();
    await shared?.stop();
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
    await awaitVersionInForce(cluster, 1, VERSION_METRIC, 1);

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
    await awaitVersionInForce(cluster, 0, VERSION_METRIC, current.version + 1);
    await awaitVersionInForce(cluster, 1, VERSION_METRIC, current.version + 1);
  });
});
