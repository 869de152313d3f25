import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { CallEventMessage } from '@tnt/protocol';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore, SessionsModule } from '@tnt/server/feature-sessions';
import { RecordingSubscriber } from '@tnt/server/feature-sessions/testing';
import { TranscriptionModule, TranscriptionService } from '@tnt/server/feature-transcription';
import { encodeMulaw } from '@tnt/server/util-audio';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { IngestConnections } from './ingest-connections';
import { L16Session } from './l16-session';
import { TwilioMediaSession } from './twilio-media-session';

type Protocol = 'l16' | 'twilio';

/**
 * SIMULATED decoding cost of the scripted engine: 0.3 s of work per second of audio per stream on
 * one simulated thread. One two-speaker call loads it to 60 %; a second would bring it to 120 %,
 * over the 90 % limit, so this instance takes exactly one call.
 */
const config = loadConfig({
  TNT_ENGINE: 'scripted',
  TNT_STORE: 'memory',
  TNT_SCRIPTED_REAL_TIME_FACTOR: '0.3',
  TNT_CAPACITY_MAX_LOAD: '0.9',
});
const sessions = SessionsModule.forRoot({
  store: { useFactory: () => new MemoryCallEventStore(1000) },
  bus: { useClass: LocalCallEventBus },
});
@Module({ imports: [ConfigModule.forRoot(config), TranscriptionModule.forRoot({ sessions })] })
class CapacityTestModule {}

const startFrame: Record<Protocol, (callId: string) => string> = {
  l16: (callId) => JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }),
  twilio: (callId) =>
    JSON.stringify({
      event: 'start',
      start: {
        callSid: callId,
        tracks: ['inbound', 'outbound'],
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    }),
};

/** Sends `seconds` of silent audio for both speakers in 20 ms frames. */
function sendAudio(protocol: Protocol, socket: WebSocket, seconds: number): void {
  for (let frame = 0; frame < seconds * 50; frame++) {
    if (protocol === 'l16') {
      socket.send(Buffer.alloc(16000 * 0.02 * 2 * 2));
      continue;
    }
    for (const track of ['inbound', 'outbound']) {
      const payload = Buffer.from(encodeMulaw(new Int16Array(160))).toString('base64');
      socket.send(JSON.stringify({ event: 'media', media: { track, chunk: '1', timestamp: String(frame * 20), payload } }));
    }
  }
}

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`${what} did not happen`);
}

describe.each<Protocol>(['l16', 'twilio'])('a call offered at capacity, over /ingest/%s', (protocol) => {
  let app: INestApplicationContext;
  let server: WebSocketServer;
  let recorder: RecordingSubscriber;
  let transcription: TranscriptionService;
  let ingestMetrics: PrometheusMetrics;

  beforeEach(async () => {
    app = await NestFactory.createApplicationContext(CapacityTestModule, { logger: false });
    transcription = app.get(TranscriptionService);
    recorder = new RecordingSubscriber();
    (await app.get(CallSessionService).subscribe(recorder, '*')).goLive();
    ingestMetrics = new PrometheusMetrics();
    const connections = new IngestConnections(ingestMetrics, transcription);
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      const session =
        protocol === 'l16'
          ? new L16Session(transcription, config.maxJsonDepth)
          : new TwilioMediaSession(transcription, config.maxJsonDepth);
      connections.serve(socket, session, protocol, 'test');
    });
  });

  afterEach(async () => {
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
    await app.close();
  });

  async function connect(): Promise<{ socket: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
    const socket = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    return { socket, closed };
  }

  const eventsOf = (callId: string): CallEventMessage[] =>
    recorder.received.filter((event) => (event.type === 'call' ? event.call.id : event.callId) === callId);

  it('is closed with 1013 INGEST_AT_CAPACITY, leaves nothing active, and the call already taken carries on', async () => {
    const taken = await connect();
    taken.socket.send(startFrame[protocol]('CA-taken'));
    await waitUntil(() => transcription.liveCallCount === 1, 'the first call started');

    const refused = await connect();
    refused.socket.send(startFrame[protocol]('CA-refused'));
    const { code, reason } = await refused.closed;

    expect(code).toBe(1013);
    expect(reason).toMatch(/^INGEST_AT_CAPACITY: speech-to-text is at capacity \(one more call would load decoding to 120 % of real time/);
    expect(transcription.liveCallCount).toBe(1);
    expect(await app.get(CallSessionService).getCall('CA-refused')).toBeUndefined();
    expect(eventsOf('CA-refused')).toEqual([]);
    expect(app.get(ReadinessChecks).evaluate().checks['speech-capacity']).toMatch(/^at capacity: one more call would load decoding/);
    expect(await ingestMetrics.render()).toContain('tnt_ingest_errors_total{code="INGEST_AT_CAPACITY"} 1');

    // The call taken before is never cut: its audio is still transcribed, and it ends as completed.
    sendAudio(protocol, taken.socket, 20);
    await waitUntil(() => eventsOf('CA-taken').some((event) => event.type === 'transcript' && event.transcript.isFinal), 'a final');
    // Twilio says `stop` before it hangs up; L16 (jambonz) completes a call by closing with 1000.
    if (protocol === 'twilio') taken.socket.send(JSON.stringify({ event: 'stop', stop: { callSid: 'CA-taken' } }));
    taken.socket.close(1000, 'call completed');
    await taken.closed;
    await waitUntil(() => transcription.liveCallCount === 0, 'the first call ended');
    expect(eventsOf('CA-taken').at(-1)).toMatchObject({ type: 'call', event: 'ended', call: { endReason: 'completed' } });

    // With the call gone there is room again.
    expect(app.get(ReadinessChecks).evaluate().checks['speech-capacity']).toBe(true);
    const next = await connect();
    next.socket.send(startFrame[protocol]('CA-next'));
    await waitUntil(() => transcription.liveCallCount === 1, 'the next call started');
    next.socket.close(1000, 'call completed');
    await next.closed;
  });
});
