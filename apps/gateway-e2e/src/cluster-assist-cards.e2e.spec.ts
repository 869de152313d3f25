/**
 * Agent-assist cards in cluster mode, as the alert rules are (same cluster harness): two gateway
 * processes on one PostgreSQL schema and one Redis prefix. A supervisor saves a card on instance 0;
 * a call whose audio goes to instance 1 (so whose transcript processors run there) raises it.
 * SIMULATION: the scripted engine's conversations stand in for speech; the agent of each says "you".
 */
import { isAssistInsight, type AssistCardsState, type InsightMessage, type ServerMessage } from '@tnt/protocol';
import type { GatewayCluster } from '@tnt/tools/util-gateway-process';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';
import { randomBytes } from 'node:crypto';
import { IngestCall } from './support/ingest-call';
import { awaitVersionInForce, startSharedSettingsCluster, type SharedSettingsCluster } from './support/shared-settings-cluster';

const CARD = { id: 'you-card', title: 'Said you', body: 'The agent addressed the caller.', phrases: ['you'], speaker: 'agent' } as const;
const VERSION_METRIC = 'tnt_assist_cards_version';

jest.setTimeout(90_000);

describe('cluster mode: assist cards every instance shares', () => {
  let shared: SharedSettingsCluster;
  let cluster: GatewayCluster;
  let supervisorToken: string;
  const ingests: IngestCall[] = [];

  beforeAll(async () => {
    shared = await startSharedSettingsCluster();
    cluster = shared.cluster;
    supervisorToken = (await cluster.addUser('cards-lead', 'supervisor')).token;
  }, 120_000);
  afterAll(async () => {
    for (const ingest of ingests) ingest.cut();
    await shared?.stop();
  });

  it('raises a card saved on one instance in a call another instance owns', async () => {
    const headers = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const before = (await (await fetch(`${cluster.instanceUrl(1)}/api/assist-cards`, { headers })).json()) as AssistCardsState;
    expect(before).toEqual({ cards: [], version: 0 });

    const saved = await fetch(`${cluster.instanceUrl(0)}/api/assist-cards`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ cards: [CARD], version: 0 }),
    });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(await saved.json()).toEqual({ cards: [CARD], version: 1 });
    // Instance 1 was not asked: it reads the store's version on its reload timer.
    await awaitVersionInForce(cluster, 1, VERSION_METRIC, 1);

    const watcher = await ProtocolClient.connect(cluster.instance(0).wsUrl, { token: supervisorToken, keepMessages: true });
    try {
      await watcher.subscribe('*');
      const callId = `cards-${randomBytes(6).toString('hex')}`;
      ingests.push(
        await IngestCall.open({
          baseUrl: cluster.instanceUrl(1),
          ingestApiKey: cluster.ingestApiKey,
          callId,
          agentId: 'agent-1',
          speed: 5,
        }),
      );
      const raised = await watcher.waitFor(
        (message: ServerMessage): message is InsightMessage =>
          message.type === 'insight' && message.callId === callId && isAssistInsight(message.insight) && message.insight.cardId === CARD.id,
        60_000,
      );
      expect(raised.insight).toMatchObject({ kind: 'assist', title: CARD.title, matched: expect.stringMatching(/^you$/i) });
    } finally {
      await watcher.close();
    }
  });

  it('refuses, on either instance, a save over a version the other one saved past', async () => {
    const headers = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${cluster.instanceUrl(1)}/api/assist-cards`, { headers })).json()) as AssistCardsState;
    const put = (index: number) =>
      fetch(`${cluster.instanceUrl(index)}/api/assist-cards`, {
        method: 'PUT',
        headers: { ...headers, 'if-match': `"${current.version}"` },
        body: JSON.stringify({ cards: [{ ...CARD, id: `edit-on-${index}` }] }),
      });
    const answers = await Promise.all([put(0), put(1)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = answers.find((answer) => answer.status === 409);
    expect(await refused?.json()).toMatchObject({ code: 'SETTINGS_VERSION_CONFLICT' });
    await awaitVersionInForce(cluster, 0, VERSION_METRIC, current.version + 1);
    await awaitVersionInForce(cluster, 1, VERSION_METRIC, current.version + 1);
  });
});
