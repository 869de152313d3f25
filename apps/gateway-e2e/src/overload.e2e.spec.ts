import type { CallMessage, TranscriptMessage } from '@tnt/protocol';
import { closed, ingestHeaders, openSocket, streamL16Call } from '@tnt/tools/feature-simulator';
import { loadConversation } from '@tnt/tools/util-speech';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { logged } from './support/gateway-log';
import { TestClient } from './support/test-client';

const FIXTURES = join(__dirname, '..', '..', '..', 'tools', 'fixtures', 'conversations');

const starts = {
  l16: (callId: string) => JSON.stringify({ callId, agentId: 'agent-z', sampleRate: 16000, mixType: 'stereo' }),
  twilio: (callSid: string) =>
    JSON.stringify({
      event: 'start',
      start: { callSid, tracks: ['inbound', 'outbound'], mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 } },
    }),
};

/** The value of an unlabelled metric in Prometheus text, or of the first line matching `labels`. */
function metric(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}}` : ' '}`));
  if (!line) throw new Error(`metric ${name}${labels} not found`);
  return Number(line.slice(line.lastIndexOf(' ') + 1));
}

/**
 * The scripted engine (a SIMULATION) configured with a simulated decoding cost of 0.3 s per second
 * of audio per stream on one simulated thread: one two-speaker call loads it to 60 %, a second
 * would bring it to 120 %, over the 90 % limit. The cost follows the audio sent, not the wall
 * clock, so the instance holds exactly one call however fast the test streams.
 */
describe('overload: calls refused at the measured speech capacity', () => {
  let gateway: GatewayProcess;
  let watcher: TestClient;
  const base = () => `http://127.0.0.1:${gateway.port}`;

  beforeAll(async () => {
    gateway = await startGateway({ TNT_ENGINE: 'scripted', TNT_SCRIPTED_REAL_TIME_FACTOR: '0.3', TNT_CAPACITY_MAX_LOAD: '0.9' });
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
  });
  afterAll(async () => {
    watcher.socket.terminate();
    await gateway.stop();
  });

  async function offer(endpoint: 'l16' | 'twilio', callId: string): Promise<{ code: number; reason: string }> {
    const socket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/${endpoint}`, {
      headers: ingestHeaders(gateway.access.ingestApiKey),
    });
    const result = closed(socket);
    socket.send(starts[endpoint](callId));
    return result;
  }

  it('refuses new calls with 1013 INGEST_AT_CAPACITY and /readyz 503 while full, keeps the call it took, and recovers', async () => {
    const ready = await fetch(`${base()}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready', engine: true, store: true, 'speech-capacity': true }]);

    const conversation = await loadConversation(join(FIXTURES, 'billing-question'));
    const taken = { callId: 'taken', agentId: 'agent-1', from: '+15550001', to: '+18005550100' };
    const takenStream = streamL16Call(base(), taken, conversation, 4, gateway.access.ingestApiKey);
    await watcher.waitFor((message): message is TranscriptMessage => message.type === 'transcript' && message.callId === taken.callId);

    const full = await fetch(`${base()}/readyz`);
    expect(full.status).toBe(503);
    expect(await full.json()).toEqual({
      status: 'not ready',
      engine: true,
      store: true,
      'speech-capacity': 'at capacity: one more call would load decoding to 120 % of real time, limit 90 %',
    });

    for (const endpoint of ['l16', 'twilio'] as const) {
      const { code, reason } = await offer(endpoint, `refused-${endpoint}`);
      expect({ endpoint, code, reason }).toEqual({
        endpoint,
        code: 1013,
        reason: expect.stringMatching(/^INGEST_AT_CAPACITY: speech-to-text is at capacity \(one more call would load decoding to 120 %/),
      });
    }
    const metrics = await (await fetch(`${base()}/metrics`)).text();
    expect(metric(metrics, 'tnt_calls_refused_total', 'reason="at-capacity"')).toBe(2);
    expect(metric(metrics, 'tnt_stt_at_capacity')).toBe(1);
    expect(metric(metrics, 'tnt_stt_load')).toBeCloseTo(0.6, 6);
    expect(metric(metrics, 'tnt_stt_real_time_factor')).toBeCloseTo(0.3, 6);
    expect(await logged(gateway, 'refusing new calls')).toBe(true);
    expect(gateway.output().split('refusing new calls').length - 1).toBe(1);

    // The call taken before the refusals is transcribed to its end, every event in order.
    await takenStream;
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === taken.callId,
      30_000,
    );
    expect(ended.call.endReason).toBe('completed');
    const seqs = watcher.eventsOf(taken.callId).map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => seqs[0] + index));
    expect(watcher.eventsOf(taken.callId).filter((event) => event.type === 'transcript').length).toBeGreaterThan(10);
    expect([...watcher.eventsOf('refused-l16'), ...watcher.eventsOf('refused-twilio')]).toEqual([]);

    // Its streams closed, so there is room again: ready, and the next call is taken.
    const recovered = await fetch(`${base()}/readyz`);
    expect(recovered.status).toBe(200);
    expect(await logged(gateway, 'speech-to-text has capacity again: 2 call(s) refused')).toBe(true);
    const next = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.access.ingestApiKey) });
    next.send(starts.l16('next'));
    await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'started' && message.call.id === 'next',
    );
    next.close(1000, 'call completed');
  });
});
