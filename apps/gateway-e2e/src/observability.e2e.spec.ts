import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

/** The value of an unlabelled metric in Prometheus text, or of the first line matching `labels`. */
function metric(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}` : ' '}`));
  if (!line) throw new Error(`metric ${name}${labels} not found`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('observability: /metrics, /healthz, /readyz', () => {
  let gateway: GatewayProcess;
  const base = () => `http://127.0.0.1:${gateway.port}`;

  beforeAll(async () => {
    gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '2', TNT_DEMO_SPEED: '4' });
  });
  afterAll(() => gateway.stop());

  it('answers healthz and readyz once the engine and store are up', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', engine: true, store: true, 'speech-capacity': true });
  });

  it('counts connections, subscriptions, messages, calls and transport latency', async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    client.send({ type: 'subscribe', callId: '*' });
    await client.waitFor(ofType('subscribed'));
    await client.waitFor(ofType('transcript'));
    client.socket.send('not json');
    await client.next(ofType('error'));

    const response = await fetch(`${base()}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(metric(text, 'tnt_ui_connections')).toBe(1);
    expect(metric(text, 'tnt_subscriptions')).toBe(1);
    expect(metric(text, 'tnt_messages_in_total')).toBeGreaterThanOrEqual(2);
    expect(metric(text, 'tnt_messages_out_total')).toBeGreaterThanOrEqual(client.messages.length);
    expect(metric(text, 'tnt_active_calls')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'tnt_transport_latency_seconds_count', 'final="false"')).toBeGreaterThan(0);
    expect(text).toContain('tnt_stt_latency_seconds_bucket');
    expect(text).toContain('tnt_process_resident_memory_bytes');
    client.socket.terminate();
  });

  it('counts ingest connections closed for bad input by code', async () => {
    const socket = new (await import('ws')).default(`ws://127.0.0.1:${gateway.port}/ingest/l16`, {
      headers: { 'x-api-key': gateway.access.ingestApiKey },
    });
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(Buffer.alloc(4));
    await new Promise((resolve) => socket.once('close', resolve));
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(metric(text, 'tnt_ingest_errors_total', 'code="INGEST_MEDIA_BEFORE_START"')).toBe(1);
  });
});
