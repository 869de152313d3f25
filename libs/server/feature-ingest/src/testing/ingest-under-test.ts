import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore, type CallEventBus } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, subscribeLive } from '@tnt/server/feature-sessions/testing';
import { PERFORMANCE_CLOCK, SpeechCapacityMonitor, TranscriptionService } from '@tnt/server/feature-transcription';
import { emptyTranscriptPipeline } from '@tnt/server/feature-transcription/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import type { EngineStreamListener, EngineStreamOptions, TranscriptionEngine, TranscriptionStream } from '@tnt/server/util-engine';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { AudioHookContinuations } from '../lib/audiohook-continuations';
import { AudioHookSession } from '../lib/audiohook-session';
import { IngestConnections } from '../lib/ingest-connections';
import type { IngestSession } from '../lib/ingest-session';
import { L16Session } from '../lib/l16-session';
import { TwilioMediaSession } from '../lib/twilio-media-session';

/** The scripted engine, keeping every sample each speaker's stream was written, in order. */
export class EngineKeepingAudio extends ScriptedEngine {
  readonly heard = new Map<string, number[]>();

  override open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream {
    const stream = super.open(options, listener);
    const heard: number[] = [];
    this.heard.set(options.speaker, heard);
    return {
      write: (pcm) => {
        for (const sample of pcm) heard.push(sample);
        stream.write(pcm);
      },
      end: () => stream.end(),
    };
  }
}

/** The two ingest endpoints whose start is one frame. */
export type IngestProtocol = 'l16' | 'twilio';

/** Every ingest endpoint. */
export type IngestEndpointUnderTest = IngestProtocol | 'audiohook';

/** How the server closed an ingest socket. */
export interface IngestClose {
  code: number;
  reason: string;
}

/** What the services behind the endpoint run on; each defaults to the real in-memory piece. */
export interface IngestUnderTestOptions {
  /** Default: the scripted simulation. */
  engine?: TranscriptionEngine;
  store?: MemoryCallEventStore;
  bus?: CallEventBus;
  /** Settings read as the gateway reads its environment, e.g. `TNT_AUDIOHOOK_RECONNECT_GRACE_MS`. */
  env?: Record<string, string>;
}

/** Real services behind one ingest endpoint on a real socket, with a recorder subscribed to `'*'`. */
export class IngestUnderTest {
  readonly recorder = new RecordingSubscriber();
  readonly sessions: CallSessionService;
  readonly transcription: TranscriptionService;
  readonly connections: IngestConnections;
  /** AudioHook calls waiting for a session that continues them; a test may set its `now`. */
  readonly continuations = new AudioHookContinuations();
  /** The registry the transcription service counts in (`render()` gives what `/metrics` would show). */
  readonly metrics = new PrometheusMetrics();

  private constructor(
    protocol: IngestEndpointUnderTest,
    options: IngestUnderTestOptions,
    private readonly server: WebSocketServer,
  ) {
    const config = loadConfig({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory', ...options.env });
    const store = options.store ?? new MemoryCallEventStore(100);
    this.sessions = new CallSessionService(store, options.bus ?? new LocalCallEventBus(), config, new PrometheusMetrics());
    const engine = options.engine ?? new ScriptedEngine();
    const metrics = this.metrics;
    const readiness = new ReadinessChecks();
    const capacity = new SpeechCapacityMonitor(engine, config, PERFORMANCE_CLOCK, metrics, readiness);
    this.transcription = new TranscriptionService(engine, this.sessions, emptyTranscriptPipeline(), config, metrics, readiness, capacity);
    const connections = new IngestConnections(new PrometheusMetrics(), this.transcription);
    this.connections = connections;
    server.on('connection', (socket, request) => {
      const header = (name: string): string => String(request.headers[name] ?? '');
      const session: IngestSession =
        protocol === 'l16'
          ? new L16Session(this.transcription, config.maxJsonDepth)
          : protocol === 'twilio'
            ? new TwilioMediaSession(this.transcription, config.maxJsonDepth)
            : new AudioHookSession(
                this.transcription,
                config,
                socket,
                {
                  sessionId: header('audiohook-session-id'),
                  organizationId: header('audiohook-organization-id'),
                  correlationId: header('audiohook-correlation-id'),
                },
                this.continuations,
              );
      connections.serve(socket, session, protocol, 'test');
    });
  }

  /** Listens on a free loopback port. */
  static async start(protocol: IngestEndpointUnderTest, options: IngestUnderTestOptions = {}): Promise<IngestUnderTest> {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    const ingest = new IngestUnderTest(protocol, options, server);
    await subscribeLive(ingest.sessions, ingest.recorder, '*');
    return ingest;
  }

  /** The endpoint's `ws://` URL. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Opens a client connection (with upgrade `headers`); `closed` resolves with how the server closed it. */
  async connect(headers: Record<string, string> = {}): Promise<{ socket: WebSocket; closed: Promise<IngestClose> }> {
    const socket = new WebSocket(`ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`, { headers });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const closed = new Promise<IngestClose>((resolve) =>
      socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    return { socket, closed };
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise((resolve) => this.server.close(resolve));
    this.continuations.onModuleDestroy();
    this.sessions.onModuleDestroy();
  }
}

/** Resolves once the server has read every frame sent before (it answers a ping after the frames ahead of it). */
export function framesRead(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('pong', () => resolve());
    socket.ping();
  });
}
