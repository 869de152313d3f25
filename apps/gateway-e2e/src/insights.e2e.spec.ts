import {
  isAlertInsight,
  type AlertInsight,
  type InsightMessage,
  type ServerMessage,
  type SnapshotMessage,
  type TranscriptMessage,
} from '@tnt/protocol';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { ofType, TestClient } from './support/test-client';

/** Rules a supervisor would write; the scripted demo conversations (a SIMULATION) say these words. */
const RULES = [
  { name: 'refund', phrases: ['refund'], severity: 'info' },
  { name: 'not-arrived', phrases: ['has not arrived', 'never arrived'], speaker: 'caller', severity: 'critical' },
  { name: 'locked-out', regex: 'locked\\s+out' },
];

function isAlert(name: string): (message: ServerMessage) => message is InsightMessage {
  return (message): message is InsightMessage =>
    message.type === 'insight' && isAlertInsight(message.insight) && message.insight.name === name;
}

describe('insights: phrase alerts as call events', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess;

  beforeAll(async () => {
    const rulesFile = join(data.path, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify(RULES));
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '3',
      TNT_DEMO_SPEED: '8',
      TNT_ALERT_RULES_FILE: rulesFile,
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    data.remove();
  });

  it('raises an alert right after the segment that matched, stores it, replays it and lists the call under ?alert=', async () => {
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const alert = await watcher.waitFor(isAlert('refund'), 60_000);
    expect(alert.insight).toMatchObject({ kind: 'alert', rule: 'refund', severity: 'info' });
    expect((alert.insight as AlertInsight).matched).toMatch(/^refund/i);
    const segment = watcher.messages.find(
      (message): message is TranscriptMessage =>
        message.type === 'transcript' &&
        message.callId === alert.callId &&
        message.transcript.isFinal &&
        message.transcript.id === alert.insight.segmentId,
    );
    expect(segment).toBeDefined();
    expect(alert.seq).toBeGreaterThan(segment?.seq ?? Infinity);
    expect(alert.seq - (segment?.seq ?? 0)).toBeLessThanOrEqual(RULES.length);

    const late = await TestClient.connect(gateway.wsUrl);
    late.send({ type: 'subscribe', callId: alert.callId, since: alert.seq - 1 });
    const replayed = await late.waitFor((message): message is InsightMessage => message.type === 'insight' && message.seq === alert.seq);
    expect(replayed).toEqual(alert);
    late.send({ type: 'unsubscribe', callId: alert.callId });
    await late.waitFor(ofType('unsubscribed'));
    late.send({ type: 'subscribe', callId: alert.callId });
    const snapshot = await late.waitFor(ofType('snapshot'));
    expect((snapshot as SnapshotMessage).insights).toContainEqual(alert.insight);
    late.socket.terminate();

    const history = HistoryApi.of(gateway);
    const listed = await history.listCalls('alert=refund&limit=200');
    expect(listed.calls.map((call) => call.id)).toContain(alert.callId);
    expect(listed.calls.every((call) => call.alerts?.includes('refund'))).toBe(true);
    expect((await history.listCalls('alert=no-such-rule')).calls).toEqual([]);
    const detail = await history.getCall(alert.callId);
    expect(detail.insights).toContainEqual(alert.insight);
    watcher.socket.terminate();
  }, 90_000);

  it('lets a supervisor replace the rules over REST, which the next segments are matched against', async () => {
    const base = `http://127.0.0.1:${gateway.port}/api/alert-rules`;
    const asSupervisor = { authorization: `Bearer ${gateway.access.supervisorToken}`, 'content-type': 'application/json' };
    const listed = await fetch(base, { headers: asSupervisor });
    expect(await listed.json()).toEqual({ rules: RULES });
    const agentToken = await gateway.access.tokenFor('rules-agent', 'agent', 'agent-9');
    expect((await fetch(base, { headers: { authorization: `Bearer ${agentToken}` } })).status).toBe(403);
    const bad = await fetch(base, { method: 'PUT', headers: asSupervisor, body: JSON.stringify({ rules: [{ name: 'x', regex: '(' }] }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/regex does not compile/) });
    const rules = [...RULES, { name: 'gratitude', phrases: ['thank you'], speaker: 'caller' }];
    const put = await fetch(base, { method: 'PUT', headers: asSupervisor, body: JSON.stringify({ rules }) });
    expect(put.status).toBe(200);
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const alert = await watcher.waitFor(isAlert('gratitude'), 60_000);
    expect(alert.insight).toMatchObject({ speaker: 'caller', severity: 'warning' });
    watcher.socket.terminate();
  }, 90_000);

  it('raises a speaker-bound rule only for that speaker', async () => {
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const alert = await watcher.waitFor(isAlert('not-arrived'), 60_000);
    expect(alert.insight).toMatchObject({ speaker: 'caller', severity: 'critical' });
    watcher.socket.terminate();
  }, 90_000);
});
