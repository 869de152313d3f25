import { Logger } from '@nestjs/common';
import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { RecordingSubscriber } from '@tnt/server/feature-sessions/testing';
import { PERFORMANCE_CLOCK, SpeechCapacityMonitor, TranscriptionService } from '@tnt/server/feature-transcription';
import { EngineFailingOnOpen, emptyTranscriptPipeline } from '@tnt/server/feature-transcription/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { IngestConnections } from './ingest-connections';
import type { IngestSession } from './ingest-session';
import { L16Session } from './l16-session';
import { TwilioMediaSession } from './twilio-media-session';

/** A memory store whose `createCall` or first `append` throws, as a full disk would. */
class FailingStore extends MemoryCallEventStore {
  constructor(private readonly failing: 'createCall' | 'append') {
    super(100);
  }
  override createCall(call: CallInfo): void {
    if (this.failing === 'createCall') throw new Error('disk full');
    super.createCall(call);
  }
  override append(event: CallEventMessage): void {
    if (this.failing === 'append' && event.seq === 1 && event.type === 'call' && event.event === 'started') throw new Error('disk full');
    super.append(event);
  }
}

type Protocol = 'l16' | 'twilio';
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

/** Real services behind one ingest endpoint on a real socket, with the failure under test injected. */
class IngestUnderTest {
  readonly recorder = new RecordingSubscriber();
  readonly sessions: CallSessionService;
  readonly transcription: TranscriptionService;
  private readonly server: WebSocketServer;

  private constructor(protocol: Protocol, engine: ScriptedEngine, store: MemoryCallEventStore, server: WebSocketServer) {
    const config = loadConfig({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory' });
    this.sessions = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
    this.sessions.subscribe(this.recorder, '*');
    const metrics = new PrometheusMetrics();
    const readiness = new ReadinessChecks();
    const capacity = new SpeechCapacityMonitor(engine, config, PERFORMANCE_CLOCK, metrics, readiness);
    this.transcription = new TranscriptionService(engine, this.sessions, emptyTranscriptPipeline(), config, metrics, readiness, capacity);
    const connections = new IngestConnections(new PrometheusMetrics(), this.transcription);
    this.server = server;
    server.on('connection', (socket) => {
      const session: IngestSession =
        protocol === 'l16'
          ? new L16Session(this.transcription, config.maxJsonDepth)
          : new TwilioMediaSession(this.transcription, config.maxJsonDepth);
      connections.serve(socket, session, protocol, 'test');
    });
  }

  static async start(protocol: Protocol, engine = new ScriptedEngine(), store = new MemoryCallEventStore(100)): Promise<IngestUnderTest> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    return new IngestUnderTest(protocol, engine, store, server);
  }

  /** Opens a connection, sends the start frame of `callId` and returns how the server closed it. */
  async startCall(protocol: Protocol, callId: string): Promise<{ code: number; reason: string }> {
    const socket = new WebSocket(`ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    socket.send(startFrame[protocol](callId));
    return closed;
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
    this.sessions.onModuleDestroy();
  }
}

describe.each<Protocol>(['l16', 'twilio'])('a call start that fails part-way, over /ingest/%s', (protocol) => {
  let ingest: IngestUnderTest;
  let loggedErrors: jest.SpyInstance;
  beforeEach(() => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
  });

  const endsOf = (callId: string) =>
    ingest.recorder.received.filter((event) => event.type === 'call' && event.event === 'ended' && event.call.id === callId);

  it('closes with 1011 INGEST_ENGINE_UNAVAILABLE and ends the call as engine-unavailable when a second stream fails', async () => {
    ingest = await IngestUnderTest.start(protocol, new EngineFailingOnOpen(2));
    const { code, reason } = await ingest.startCall(protocol, 'CA-engine');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1011, reason: 'INGEST_ENGINE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(ingest.sessions.getCall('CA-engine')).toMatchObject({ status: 'ended', endReason: 'engine-unavailable' });
    expect(endsOf('CA-engine')).toHaveLength(1);
    expect(loggedErrors.mock.calls.map(([entry]) => JSON.stringify(entry)).join('\n')).toContain('no decoder left in the pool');
  });

  it('closes with 1011 INGEST_STORE_UNAVAILABLE and leaves no call when the store cannot create it', async () => {
    ingest = await IngestUnderTest.start(protocol, new ScriptedEngine(), new FailingStore('createCall'));
    const { code, reason } = await ingest.startCall(protocol, 'CA-create');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1011, reason: 'INGEST_STORE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(ingest.sessions.getCall('CA-create')).toBeUndefined();
    expect(ingest.recorder.received).toEqual([]);
    expect(loggedErrors.mock.calls.map(([entry]) => JSON.stringify(entry)).join('\n')).toContain('disk full');
  });

  it('closes with 1011 INGEST_STORE_UNAVAILABLE and ends the call as store-unavailable when its start cannot be stored', async () => {
    ingest = await IngestUnderTest.start(protocol, new ScriptedEngine(), new FailingStore('append'));
    const { code, reason } = await ingest.startCall(protocol, 'CA-append');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1011, reason: 'INGEST_STORE_UNAVAILABLE' });
    expect(ingest.transcription.liveCallCount).toBe(0);
    expect(ingest.sessions.getCall('CA-append')).toMatchObject({ status: 'ended', endReason: 'store-unavailable' });
    expect(ingest.sessions.activeCallIds()).toEqual([]);
  });

  it('closes a second start of a live id with 1008 INGEST_CALL_CONFLICT and leaves the first call active', async () => {
    ingest = await IngestUnderTest.start(protocol);
    const first = ingest.transcription.startCall({ id: 'CA-twin', agentId: 'agent-1', speakers: ['caller'], sampleRate: 8000 });
    const { code, reason } = await ingest.startCall(protocol, 'CA-twin');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1008, reason: 'INGEST_CALL_CONFLICT' });
    expect(first.isEnding).toBe(false);
    expect(ingest.sessions.getCall('CA-twin')?.status).toBe('active');
  });

  it('closes a start during shutdown with 1001 INGEST_UNAVAILABLE and stores nothing', async () => {
    ingest = await IngestUnderTest.start(protocol);
    await ingest.transcription.endAll('shutdown');
    const { code, reason } = await ingest.startCall(protocol, 'CA-late');
    expect({ code, reason: reason.split(':')[0] }).toEqual({ code: 1001, reason: 'INGEST_UNAVAILABLE' });
    expect(ingest.sessions.getCall('CA-late')).toBeUndefined();
  });
});
