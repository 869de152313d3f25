import type { CallMessage, TranscriptMessage } from '@tnt/protocol';
import { closed, ingestHeaders, openSocket, streamL16Call } from '@tnt/tools/feature-simulator';
import { loadConversation } from '@tnt/tools/util-speech';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { logged } from './support/gateway-log';
import { ofType, TestClient } from './support/test-client';

const FIXTURES = join(__dirname, '..', '..', '..', 'tools', 'fixtures', 'conversations');

const twilioStart = (callSid: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({
    event: 'start',
    start: {
      callSid,
      streamSid: `MZ${callSid}`,
      tracks: ['inbound', 'outbound'],
      customParameters: { agentId: 'agent-x' },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      ...overrides,
    },
  });
const twilioMedia = (payload: string, track = 'inbound') =>
  JSON.stringify({ event: 'media', media: { track, chunk: '1', timestamp: '0', payload } });
const l16Start = (callId: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify({ callId, agentId: 'agent-y', sampleRate: 16000, mixType: 'stereo', ...overrides });

/** Bad input per endpoint: frames to send, the close code and the reason's code expected back. */
const BAD_INGEST_INPUT: [string, 'twilio' | 'l16', (id: string) => (string | Buffer)[], number, string][] = [
  ['malformed JSON', 'twilio', () => ['{"event":'], 1003, 'INGEST_MALFORMED_JSON'],
  ['media before start', 'twilio', () => [twilioMedia('//79/w==')], 1008, 'INGEST_MEDIA_BEFORE_START'],
  ['invalid base64 payload', 'twilio', (id) => [twilioStart(id), twilioMedia('***not base64***')], 1003, 'INGEST_INVALID_BASE64'],
  [
    'an encoding other than mu-law',
    'twilio',
    (id) => [twilioStart(id, { mediaFormat: { encoding: 'audio/x-l16', sampleRate: 8000 } })],
    1003,
    'INGEST_UNSUPPORTED_ENCODING',
  ],
  [
    'a rate other than 8 kHz',
    'twilio',
    (id) => [twilioStart(id, { mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 16000 } })],
    1003,
    'INGEST_UNSUPPORTED_RATE',
  ],
  ['a second start', 'twilio', (id) => [twilioStart(id), twilioStart(`${id}-again`)], 1008, 'INGEST_DUPLICATE_START'],
  ['a binary frame', 'twilio', () => [Buffer.from([1, 2, 3, 4])], 1008, 'INGEST_UNEXPECTED_FRAME'],
  ['start without callSid', 'twilio', (id) => [twilioStart(id, { callSid: undefined })], 1008, 'INGEST_INVALID_MESSAGE'],
  [
    'media on an unannounced track',
    'twilio',
    (id) => [twilioStart(id, { tracks: ['inbound'] }), twilioMedia('//79/w==', 'outbound')],
    1008,
    'INGEST_INVALID_MESSAGE',
  ],
  ['malformed metadata', 'l16', () => ['callId=7'], 1003, 'INGEST_MALFORMED_JSON'],
  ['audio before metadata', 'l16', () => [Buffer.alloc(640)], 1008, 'INGEST_MEDIA_BEFORE_START'],
  ['an odd byte count', 'l16', (id) => [l16Start(id), Buffer.alloc(641)], 1003, 'INGEST_ODD_BYTE_COUNT'],
  ['an unsupported rate', 'l16', (id) => [l16Start(id, { sampleRate: 11025 })], 1003, 'INGEST_UNSUPPORTED_RATE'],
  ['an unknown mixType', 'l16', (id) => [l16Start(id, { mixType: 'quad' })], 1003, 'INGEST_UNSUPPORTED_ENCODING'],
  ['a second metadata frame', 'l16', (id) => [l16Start(id), l16Start(`${id}-again`)], 1008, 'INGEST_DUPLICATE_START'],
  ['JSON nested 5000 deep', 'twilio', () => [`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`], 1008, 'INGEST_INVALID_MESSAGE'],
  [
    'a mono speaker that is neither party',
    'l16',
    (id) => [l16Start(id, { mixType: 'mono', speaker: 'robot' })],
    1008,
    'INGEST_INVALID_MESSAGE',
  ],
];

describe('ingest: bad input', () => {
  let gateway: GatewayProcess;
  let watcher: TestClient;

  beforeAll(async () => {
    gateway = await startGateway({ TNT_ENGINE: 'scripted' });
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
  });
  afterAll(async () => {
    watcher.socket.terminate();
    await gateway.stop();
  });

  const title =
    `closes each of ${BAD_INGEST_INPUT.length} bad inputs with its code and reason, logs it, ` +
    'and ends any started call cleanly while another call keeps transcribing';
  it(title, async () => {
    const conversation = await loadConversation(join(FIXTURES, 'billing-question'));
    const goodCall = { callId: 'good-call', agentId: 'agent-1', from: '+15550001', to: '+18005550100' };
    const goodStream = streamL16Call(`http://127.0.0.1:${gateway.port}`, goodCall, conversation, 4, gateway.access.ingestApiKey);
    await watcher.waitFor((message): message is TranscriptMessage => message.type === 'transcript' && message.callId === goodCall.callId);

    for (const [index, [description, endpoint, frames, closeCode, reasonCode]] of BAD_INGEST_INPUT.entries()) {
      const callId = `bad-${index}`;
      const socket: WebSocket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/${endpoint}`, {
        headers: ingestHeaders(gateway.access.ingestApiKey),
      });
      const result = closed(socket);
      for (const frame of frames(callId)) socket.send(frame);
      const { code, reason } = await result;
      expect({ description, code, reason: reason.split(':')[0] }).toEqual({ description, code: closeCode, reason: reasonCode });
      expect(await logged(gateway, reasonCode)).toBe(true);
    }

    await goodStream;
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === goodCall.callId,
      30_000,
    );
    expect(ended.call.endReason).toBe('completed');
    const goodSeqs = watcher.eventsOf(goodCall.callId).map((event) => event.seq);
    expect(goodSeqs).toEqual(goodSeqs.map((_, index) => goodSeqs[0] + index));
    expect(watcher.eventsOf(goodCall.callId).filter((event) => event.type === 'transcript').length).toBeGreaterThan(10);

    for (const startedBadCall of ['bad-2', 'bad-5', 'bad-8', 'bad-11', 'bad-14']) {
      const badEnd = await watcher.waitFor(
        (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === startedBadCall,
      );
      expect(badEnd.call.endReason).toBe('error');
    }
  });

  it('refuses a second live call with the same id and leaves the first one running', async () => {
    const first: WebSocket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, {
      headers: ingestHeaders(gateway.access.ingestApiKey),
    });
    first.send(l16Start('twin'));
    await watcher.waitFor((message): message is CallMessage => message.type === 'call' && message.call.id === 'twin');
    const second: WebSocket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, {
      headers: ingestHeaders(gateway.access.ingestApiKey),
    });
    second.send(l16Start('twin'));
    const { code, reason } = await closed(second);
    expect(code).toBe(1008);
    expect(reason).toMatch(/^INGEST_CALL_CONFLICT/);
    expect(first.readyState).toBe(first.OPEN);
    first.close(1000);
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === 'twin',
    );
    expect(ended.call.endReason).toBe('completed');
  });

  it('ends a call whose audio connection drops with reason disconnected, keeping its transcript', async () => {
    const conversation = await loadConversation(join(FIXTURES, 'delivery-delay'));
    const socket: WebSocket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, {
      headers: ingestHeaders(gateway.access.ingestApiKey),
    });
    socket.send(l16Start('dropped', { sampleRate: conversation.sampleRate }));
    const oneSecond = conversation.sampleRate * 2;
    for (let second = 0; second < 8; second++) {
      const stereo = conversation.stereo.subarray(second * oneSecond, (second + 1) * oneSecond);
      socket.send(Buffer.from(stereo.buffer, stereo.byteOffset, stereo.byteLength));
    }
    await watcher.waitFor(
      (message): message is TranscriptMessage =>
        message.type === 'transcript' && message.callId === 'dropped' && message.transcript.isFinal,
    );
    socket.terminate();
    const ended = await watcher.waitFor(
      (message): message is CallMessage => message.type === 'call' && message.event === 'ended' && message.call.id === 'dropped',
    );
    expect(ended.call.endReason).toBe('disconnected');
    const late = await TestClient.connect(gateway.wsUrl);
    late.send({ type: 'subscribe', callId: 'dropped' });
    const snapshot = await late.waitFor(ofType('snapshot'));
    expect(snapshot.transcript.filter((segment) => segment.isFinal).length).toBeGreaterThan(0);
    late.socket.terminate();
  });
});
