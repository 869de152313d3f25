import { Logger } from '@nestjs/common';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { MemoryWebhookOutbox, type NewWebhookDelivery } from '@tnt/server/util-webhooks';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookClock } from './webhook-clock';
import { WebhookDeliveryWorker } from './webhook-delivery-worker';

const SECRET = 'whsec-worker-test-0123';
const T0 = Date.UTC(2026, 0, 1, 12);

/** A real HTTP receiver on a free local port answering the statuses it is given, in order (then 200). */
class Receiver {
  readonly requests: { headers: IncomingHttpHeaders; body: string }[] = [];
  private server!: Server;
  constructor(private readonly statuses: number[]) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(this.statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((listening) => this.server.listen(0, '127.0.0.1', listening));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  stop(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }
}

/** A clock the test moves; the jitter is fixed at half. Timers are never run: the test calls `drain`. */
function testClock(): WebhookClock & { at: number } {
  const clock = { at: T0, now: () => clock.at, random: () => 0.5, setTimeout: () => undefined, clearTimeout: () => undefined };
  return clock;
}

function delivery(url: string, seq = 7): NewWebhookDelivery {
  return {
    idempotencyKey: `call-1:${seq}:abc`,
    callId: 'call-1',
    seq,
    event: 'call.ended',
    url,
    payload: `{"id":"call-1:${seq}:abc","type":"call.ended"}`,
    createdAt: T0,
  };
}

describe('WebhookDeliveryWorker', () => {
  let receiver: Receiver | undefined;
  let outbox: MemoryWebhookOutbox;
  let metrics: PrometheusMetrics;
  let clock: ReturnType<typeof testClock>;
  const warnings: string[] = [];

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => warnings.push(String(message)));
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());
  beforeEach(async () => {
    outbox = new MemoryWebhookOutbox();
    await outbox.open(new Date(T0));
    metrics = new PrometheusMetrics();
    clock = testClock();
    warnings.length = 0;
  });
  afterEach(async () => {
    await receiver?.stop();
    receiver = undefined;
  });

  function worker(url: string, env: Record<string, string> = {}): WebhookDeliveryWorker {
    const config = loadConfig({ TNT_WEBHOOK_URLS: url, TNT_WEBHOOK_SECRET: SECRET, TNT_INSTANCE_ID: 'worker-test', ...env });
    return new WebhookDeliveryWorker(outbox, config, clock, metrics);
  }

  async function metric(name: string): Promise<number> {
    const line = (await metrics.render()).split('\n').find((candidate) => candidate.startsWith(name));
    return line === undefined ? 0 : Number(line.split(' ').pop());
  }

  it('retries a failing endpoint at the back-off times, then delivers; every attempt signed, one key', async () => {
    const url = await (receiver = new Receiver([503, 503])).start();
    const sender = worker(url);
    await outbox.enqueue([delivery(url)], { callId: 'call-1', observedSeq: 7 });

    expect(await sender.drain()).toBe(1);
    // Base 1000 ms, jitter half: 500 + 0.5 × 500 after the first failure, 1000 + 500 after the second.
    clock.at = T0 + 749;
    expect(await sender.drain()).toBe(0);
    clock.at = T0 + 750;
    expect(await sender.drain()).toBe(1);
    clock.at = T0 + 750 + 1499;
    expect(await sender.drain()).toBe(0);
    clock.at = T0 + 750 + 1500;
    expect(await sender.drain()).toBe(1);

    const requests = receiver.requests;
    expect(requests).toHaveLength(3);
    for (const [index, request] of requests.entries()) {
      expect(request.headers['tnt-idempotency-key']).toBe('call-1:7:abc');
      expect(request.headers['tnt-event']).toBe('call.ended');
      const t = Math.floor([T0, T0 + 750, T0 + 2250][index] / 1000);
      const v1 = createHmac('sha256', SECRET).update(`${t}.${request.body}`).digest('hex');
      expect(request.headers['tnt-signature']).toBe(`t=${t},v1=${v1}`);
    }
    expect(await outbox.pendingCount()).toBe(0);
    expect(await metric('tnt_webhook_failed_attempts_total{event="call.ended"}')).toBe(2);
    expect(await metric('tnt_webhook_deliveries_total{event="call.ended"}')).toBe(1);
    // The endpoint's outage is logged once, not per attempt.
    expect(warnings.filter((warning) => warning.includes('failed a delivery'))).toHaveLength(1);
  });

  it('gives a delivery up after TNT_WEBHOOK_MAX_ATTEMPTS: dead, counted, listed with its last error', async () => {
    const url = await (receiver = new Receiver([500, 500, 500])).start();
    const sender = worker(url, { TNT_WEBHOOK_MAX_ATTEMPTS: '2' });
    await outbox.enqueue([delivery(url)], { callId: 'call-1', observedSeq: 7 });
    await sender.drain();
    clock.at = T0 + 60_000;
    await sender.drain();
    clock.at = T0 + 3_600_000;
    expect(await sender.drain()).toBe(0);
    expect(receiver.requests).toHaveLength(2);
    const dead = await outbox.listFailures('dead', 10);
    expect(dead).toEqual([expect.objectContaining({ attempts: 2, lastStatus: 500, lastError: 'HTTP 500' })]);
    expect(await metric('tnt_webhook_dead_total{event="call.ended"}')).toBe(1);
  });

  it('counts a refused connection as a failed attempt and keeps the delivery for later', async () => {
    const closed = new Receiver([]);
    const url = await closed.start();
    await closed.stop();
    const sender = worker(url);
    await outbox.enqueue([delivery(url)], { callId: 'call-1', observedSeq: 7 });
    await sender.drain();
    const [failed] = await outbox.listFailures('failed', 10);
    expect(failed.lastError).toMatch(/ECONNREFUSED/);
    expect(failed.status).toBe('pending');
  });
});
