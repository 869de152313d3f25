import {
  isAlertInsight,
  WEBHOOK_DELIVERIES_PAGE,
  type CallEndedWebhook,
  type CallEventMessage,
  type CallMessage,
  type InsightMessage,
} from '@tnt/protocol';
import { freePort } from '@tnt/tools/util-gateway-process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { TestClient } from './support/test-client';
import { WebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** Rules the scripted demo conversations (a SIMULATION) say the words of, so calls raise alerts. */
const RULES = [
  { name: 'refund', phrases: ['refund'], severity: 'info' },
  { name: 'not-arrived', phrases: ['has not arrived', 'never arrived'], speaker: 'caller', severity: 'critical' },
];
const PUBLIC_URL = 'https://tnt.example.test';

function endedEvents(events: readonly CallEventMessage[]): CallMessage[] {
  return events.filter((event): event is CallMessage => event.type === 'call' && event.event === 'ended');
}

function alertEvents(events: readonly CallEventMessage[]): InsightMessage[] {
  return events.filter((event): event is InsightMessage => event.type === 'insight' && isAlertInsight(event.insight));
}

/** What the witness saw, as the keys' `<callId>:<seq>` prefixes of the deliveries they must make. */
function expectedPrefixes(witness: TestClient): string[] {
  const events = witness.messages.filter((message): message is CallEventMessage => 'seq' in message && message.type !== 'snapshot');
  return [...endedEvents(events), ...alertEvents(events)].map(
    (event) => `${event.type === 'call' ? event.call.id : event.callId}:${event.seq}:`,
  );
}

function acceptedPrefixes(receiver: WebhookReceiver): Set<string> {
  return new Set([...receiver.accepted().keys()].map((key) => key.slice(0, key.lastIndexOf(':') + 1)));
}

async function metric(gateway: GatewayProcess, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe('webhooks: signed, at least once, through an outbox in the store', () => {
  const secret = `whsec-${randomBytes(12).toString('hex')}`;
  let data: ReturnType<typeof temporaryDataDir>;
  let receiver: WebhookReceiver;
  let gateway: GatewayProcess | undefined;
  let witness: TestClient | undefined;

  beforeEach(async () => {
    data = temporaryDataDir();
    writeFileSync(join(data.path, 'rules.json'), JSON.stringify(RULES));
    receiver = new WebhookReceiver(await freePort(), secret);
  });
  afterEach(async () => {
    witness?.socket.terminate();
    await gateway?.stop('SIGKILL');
    await receiver.close();
    data.remove();
  });

  function start(extra: Record<string, string> = {}): Promise<GatewayProcess> {
    return startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '2',
      TNT_DEMO_SPEED: '8',
      TNT_ALERT_RULES_FILE: join(data.path, 'rules.json'),
      TNT_PUBLIC_URL: PUBLIC_URL,
      TNT_WEBHOOK_URLS: receiver.url,
      TNT_WEBHOOK_SECRET: secret,
      TNT_WEBHOOK_RETRY_BASE_MS: '200',
      TNT_WEBHOOK_RETRY_MAX_MS: '1000',
      TNT_WEBHOOK_POLL_MS: '100',
      TNT_WEBHOOK_TIMEOUT_MS: '1000',
      ...extra,
    });
  }

  it('delivers call.ended and alert.raised, signed, with a stable idempotency key, the call alerts and its transcript link', async () => {
    await receiver.listen();
    gateway = await start();
    const watcher = (witness = await TestClient.watchingAllCalls(gateway.wsUrl));
    const events = () => watcher.messages as CallEventMessage[];
    const endedWithAlert = () =>
      endedEvents(events()).filter((ended) => alertEvents(events()).some((alert) => alert.callId === ended.call.id));
    await eventually(() => endedWithAlert().length > 0, 'an ended call with an alert', { timeoutMs: 90_000, intervalMs: 100 });
    const expected = expectedPrefixes(watcher);
    await eventually(
      () => expected.every((prefix) => acceptedPrefixes(receiver).has(prefix)),
      'a delivery of every event the witness saw',
      { timeoutMs: 60_000, intervalMs: 100 },
    );

    for (const webhook of receiver.received) {
      expect(webhook.signatureValid).toBe(true);
      expect(webhook.event.id).toBe(webhook.idempotencyKey);
      expect(webhook.eventHeader).toBe(webhook.event.type);
      expect(webhook.idempotencyKey).toMatch(/^[^:]+:\d+:[0-9a-f]{12}$/);
    }
    const ended = endedWithAlert()[0];
    const delivery = [...receiver.accepted().values()].find((webhook) =>
      webhook.idempotencyKey.startsWith(`${ended.call.id}:${ended.seq}:`),
    );
    const body = delivery?.event as CallEndedWebhook;
    expect(body.type).toBe('call.ended');
    expect(body.data).toMatchObject({ call: { id: ended.call.id, status: 'ended' }, endReason: ended.call.endReason, seq: ended.seq });
    expect(body.data.transcriptUrl).toBe(`${PUBLIC_URL}/api/calls/${encodeURIComponent(ended.call.id)}/transcript`);
    // Every alert the store holds for the call (the witness may have joined the call late).
    const stored = await HistoryApi.of(gateway).getCall(ended.call.id);
    expect(body.data.alerts).toEqual((stored.insights ?? []).filter(isAlertInsight));
    expect(body.data.alerts.length).toBeGreaterThan(0);
    expect(await metric(gateway, 'tnt_webhook_deliveries_total')).toBeGreaterThanOrEqual(expected.length);
  }, 120_000);

  it('rides out a receiver that refuses connections and then answers 503: every delivery arrives, retries counted and listed', async () => {
    gateway = await start();
    const watcher = (witness = await TestClient.watchingAllCalls(gateway.wsUrl));
    const api = HistoryApi.of(gateway);
    await eventually(() => endedEvents(watcher.messages as CallEventMessage[]).length >= 2, 'two ended calls while the receiver is down', {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    await eventually(
      async () => (await api.json(WEBHOOK_DELIVERIES_PAGE, '/api/webhooks/deliveries?status=failed')).deliveries.length > 0,
      'failed attempts listed for supervisors',
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    const failed = await api.json(WEBHOOK_DELIVERIES_PAGE, '/api/webhooks/deliveries?status=failed');
    expect(failed.deliveries[0]).toMatchObject({
      status: 'pending',
      endpoint: receiver.url,
      lastError: expect.stringMatching(/fetch failed/),
    });
    expect((await fetch(`http://127.0.0.1:${gateway.port}/api/webhooks/deliveries?status=failed`)).status).toBe(401);
    expect((await api.text('/api/webhooks/deliveries?status=lost')).status).toBe(400);

    receiver.answer = 503;
    await receiver.listen();
    await eventually(() => receiver.received.length >= 3, 'attempts answered 503', { timeoutMs: 60_000, intervalMs: 100 });
    receiver.answer = 200;
    const expected = expectedPrefixes(watcher);
    await eventually(() => expected.every((prefix) => acceptedPrefixes(receiver).has(prefix)), 'every delivery after the outage', {
      timeoutMs: 60_000,
      intervalMs: 100,
    });

    const failedAttempts = await metric(gateway, 'tnt_webhook_failed_attempts_total');
    expect(failedAttempts).toBeGreaterThanOrEqual(receiver.received.filter((webhook) => webhook.answered === 503).length + 1);
    expect(await metric(gateway, 'tnt_webhook_dead_total')).toBe(0);
    // The outage is logged when it starts, not per attempt.
    const outageLines = gateway
      .output()
      .split('\n')
      .filter((line) => line.includes('failed a delivery')).length;
    expect(outageLines).toBeGreaterThanOrEqual(1);
    expect(outageLines).toBeLessThan(failedAttempts);
    expect(gateway.output()).not.toContain(secret);
  }, 120_000);

  it('loses nothing to a kill -9 mid-retry: after the restart every delivery arrives, a repeat only with its key', async () => {
    receiver.answer = 503;
    await receiver.listen();
    gateway = await start();
    const watcher = (witness = await TestClient.watchingAllCalls(gateway.wsUrl));
    await eventually(
      () => {
        const events = watcher.messages as CallEventMessage[];
        return endedEvents(events).length >= 2 && alertEvents(events).length >= 1 && receiver.received.length >= 3;
      },
      'two ended calls and an alert, delivered to a failing receiver',
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    await gateway.stop('SIGKILL');
    const expected = expectedPrefixes(watcher);
    const seen = new Set(
      (watcher.messages as CallEventMessage[])
        .filter((message) => message.type === 'call')
        .map((message) => (message as CallMessage).call.id),
    );
    const open = [...seen].filter((callId) => endedEvents(watcher.eventsOf(callId)).length === 0);
    expect(receiver.accepted().size).toBe(0);

    receiver.answer = 200;
    gateway = await start({ TNT_DEMO: '0' });
    await eventually(() => expected.every((prefix) => acceptedPrefixes(receiver).has(prefix)), 'every delivery, after the restart', {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    // Calls open at the kill are ended as interrupted when the store opens, before anything observes
    // calls: the start's catch-up finds those ends in the store and delivers them too.
    const endedKeys = () => [...receiver.accepted().values()].filter((webhook) => webhook.event.type === 'call.ended');
    await eventually(
      () => open.every((callId) => endedKeys().some((webhook) => (webhook.event as CallEndedWebhook).data.call.id === callId)),
      'call.ended of the calls open at the kill',
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    for (const callId of open) {
      const webhook = endedKeys().find((candidate) => (candidate.event as CallEndedWebhook).data.call.id === callId) as ReceivedWebhook;
      expect((webhook.event as CallEndedWebhook).data.endReason).toBe('interrupted');
    }
    // At least once: a delivery that came twice came with its key and the same bytes.
    const bodiesByKey = new Map<string, Set<string>>();
    for (const webhook of receiver.received)
      bodiesByKey.set(webhook.idempotencyKey, (bodiesByKey.get(webhook.idempotencyKey) ?? new Set()).add(webhook.body));
    for (const bodies of bodiesByKey.values()) expect(bodies.size).toBe(1);
    expect(receiver.received.every((webhook) => webhook.signatureValid)).toBe(true);
  }, 150_000);
});
