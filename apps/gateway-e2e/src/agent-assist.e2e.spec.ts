import {
  isAssistInsight,
  type AssistCard,
  type AssistInsight,
  type CallEventMessage,
  type InsightMessage,
  type ServerMessage,
  type TranscriptMessage,
} from '@tnt/protocol';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { ofType, TestClient } from './support/test-client';

/** Cards a supervisor would write; the scripted demo conversations (a SIMULATION) say these words. */
const CARDS: AssistCard[] = [
  {
    id: 'refunds',
    title: 'Refund times',
    body: 'Card refunds reach the account in 3 to 5 working days.',
    link: '/kb/refunds',
    phrases: ['refund'],
  },
  { id: 'late-parcel', title: 'Late parcels', body: 'Check the tracking page first.', phrases: ['has not arrived'] },
  // The caller says "I" in several lines of every call: the card is still raised once per call.
  { id: 'first-person', title: 'The caller speaks', body: 'Listen first.', phrases: ['i'] },
];

function isAssist(cardId: string): (message: ServerMessage) => message is InsightMessage {
  return (message): message is InsightMessage =>
    message.type === 'insight' && isAssistInsight(message.insight) && message.insight.cardId === cardId;
}

describe('agent assist: knowledge cards as call insights', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess;

  beforeAll(async () => {
    const cardsFile = join(data.path, 'cards.json');
    writeFileSync(cardsFile, JSON.stringify(CARDS));
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '3',
      TNT_DEMO_SPEED: '8',
      TNT_ASSIST_CARDS_FILE: cardsFile,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    data.remove();
  });

  it('raises a card right after the caller line that said its phrase, once per call, and stores it with the call', async () => {
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const raised = await watcher.waitFor(isAssist('refunds'), 60_000);
    const card = raised.insight as AssistInsight;
    expect(card).toMatchObject({ kind: 'assist', cardId: 'refunds', title: 'Refund times', link: '/kb/refunds', speaker: 'caller' });
    expect(card.matched).toMatch(/^refund$/i);
    const segment = watcher.messages.find(
      (message): message is TranscriptMessage =>
        message.type === 'transcript' &&
        message.callId === raised.callId &&
        message.transcript.isFinal &&
        message.transcript.id === card.segmentId,
    );
    expect(segment?.transcript.speaker).toBe('caller');
    expect(raised.seq).toBeGreaterThan(segment?.seq ?? Infinity);

    await watcher.waitFor(
      (message): message is CallEventMessage => message.type === 'call' && message.event === 'ended' && message.call.id === raised.callId,
      60_000,
    );
    const assists = watcher.messages.filter(
      (message): message is InsightMessage =>
        message.type === 'insight' && message.callId === raised.callId && isAssistInsight(message.insight),
    );
    const cardIds = assists.map((message) => (message.insight as AssistInsight).cardId);
    expect(cardIds.filter((id) => id === 'first-person')).toHaveLength(1);
    expect(new Set(cardIds).size).toBe(cardIds.length);

    const detail = await HistoryApi.of(gateway).getCall(raised.callId);
    expect(detail.insights).toContainEqual(card);
    expect(detail.insights?.filter(isAssistInsight)).toHaveLength(assists.length);
    watcher.socket.terminate();
  }, 120_000);

  it("shows an agent the cards of its own call and not another agent's", async () => {
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const raised = await watcher.waitFor(isAssist('late-parcel'), 60_000);
    const ownAgent = agentOf(watcher, raised.callId);
    watcher.socket.terminate();
    const otherAgent = ownAgent === 'agent-1' ? 'agent-2' : 'agent-1';

    const own = await TestClient.connect(await agentSocketUrl(gateway, ownAgent));
    own.send({ type: 'subscribe', callId: raised.callId, since: raised.seq - 1 });
    const seen = await own.waitFor((message): message is InsightMessage => message.type === 'insight' && message.seq === raised.seq);
    expect(seen.insight).toEqual(raised.insight);
    own.socket.terminate();

    const other = await TestClient.connect(await agentSocketUrl(gateway, otherAgent));
    other.send({ type: 'subscribe', callId: raised.callId });
    expect(await other.waitFor(ofType('error'))).toMatchObject({ code: 'CALL_NOT_FOUND', callId: raised.callId });
    expect(other.messages.some((message) => message.type === 'insight')).toBe(false);
    other.socket.terminate();

    const otherToken = await gateway.access.tokenFor(`assist-${otherAgent}`, 'agent', otherAgent);
    const detail = await new HistoryApi(`http://127.0.0.1:${gateway.port}`, otherToken).text(`/api/calls/${raised.callId}`);
    expect(detail.status).toBe(404);
    expect(detail.body).not.toContain('Late parcels');
  }, 120_000);

  it('lets supervisors list and replace the cards, naming the field of a bad one, and agents not at all', async () => {
    const base = `http://127.0.0.1:${gateway.port}/api/assist-cards`;
    const asSupervisor = { authorization: `Bearer ${gateway.access.supervisorToken}`, 'content-type': 'application/json' };
    expect(await (await fetch(base, { headers: asSupervisor })).json()).toEqual({ cards: CARDS, version: 1 });
    const agentToken = await gateway.access.tokenFor('cards-agent', 'agent', 'agent-9');
    expect((await fetch(base, { headers: { authorization: `Bearer ${agentToken}` } })).status).toBe(403);

    const missingTitle = { cards: [CARDS[0], { ...CARDS[1], title: '' }] };
    const bad = await fetch(base, { method: 'PUT', headers: asSupervisor, body: JSON.stringify(missingTitle) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^cards\[1\]\.title must be/) });
    const repeated = await fetch(base, { method: 'PUT', headers: asSupervisor, body: JSON.stringify({ cards: [CARDS[0], CARDS[0]] }) });
    expect(await repeated.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/two cards of id "refunds"/) });

    const cards = [{ id: 'security', title: 'Security questions', body: 'Verify before any change.', phrases: ['locked out'] }];
    const put = await fetch(base, { method: 'PUT', headers: asSupervisor, body: JSON.stringify({ cards }) });
    expect(await put.json()).toEqual({ cards, version: 2 });
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const raised = await watcher.waitFor(isAssist('security'), 60_000);
    expect(raised.insight).toMatchObject({ title: 'Security questions', matched: 'locked out' });
    watcher.socket.terminate();
  }, 120_000);
});

/** The agent of a call the watcher (of every call) heard of. */
function agentOf(watcher: TestClient, callId: string): string {
  for (const message of watcher.messages) {
    if (message.type === 'call' && message.call.id === callId) return message.call.agentId ?? '';
    if (message.type === 'subscribed') {
      const held = message.calls?.find((call) => call.id === callId);
      if (held) return held.agentId ?? '';
    }
  }
  throw new Error(`the watcher heard nothing of call ${callId}`);
}

async function agentSocketUrl(gateway: GatewayProcess, agentId: string): Promise<string> {
  const token = await gateway.access.tokenFor(`assist-${agentId}`, 'agent', agentId);
  return `ws://127.0.0.1:${gateway.port}/ws?token=${token}`;
}
