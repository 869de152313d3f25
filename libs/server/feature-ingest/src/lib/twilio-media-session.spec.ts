import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TntError } from '@tnt/protocol';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore, SessionsModule } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, subscribeLive } from '@tnt/server/feature-sessions/testing';
import { TranscriptionModule, TranscriptionService } from '@tnt/server/feature-transcription';
import { encodeMulaw } from '@tnt/server/util-audio';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { TwilioMediaSession } from './twilio-media-session';

const sessions = SessionsModule.forRoot({
  store: { useFactory: () => new MemoryCallEventStore(100) },
  bus: { useClass: LocalCallEventBus },
});
@Module({ imports: [ConfigModule.forRoot(loadConfig({ TNT_ENGINE: 'scripted' })), TranscriptionModule.forRoot({ sessions })] })
class IngestTestModule {}

const start = (callSid: string) =>
  JSON.stringify({
    event: 'start',
    start: {
      callSid,
      tracks: ['inbound', 'outbound'],
      customParameters: { agentId: 'agent-7', from: '+15551234', to: '+18005550100' },
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    },
  });
const media = (track: string, timestampMs: number, samples = 160) =>
  JSON.stringify({
    event: 'media',
    media: {
      track,
      chunk: '1',
      timestamp: String(timestampMs),
      payload: Buffer.from(encodeMulaw(new Int16Array(samples))).toString('base64'),
    },
  });

/** The default of `TNT_MAX_JSON_DEPTH`. */
const MAX_JSON_DEPTH = 16;

describe('TwilioMediaSession', () => {
  let app: INestApplicationContext;
  let transcription: TranscriptionService;
  let recorder: RecordingSubscriber;

  beforeEach(async () => {
    app = await NestFactory.createApplicationContext(IngestTestModule, { logger: false });
    transcription = app.get(TranscriptionService);
    recorder = new RecordingSubscriber();
    await subscribeLive(app.get(CallSessionService), recorder, '*');
  });
  afterEach(() => app.close());

  it('starts the call named by callSid with the custom parameters and ends it on stop', async () => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    session.handleText(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    await session.handleText(start('CA100'));
    expect(recorder.received[0]).toMatchObject({
      type: 'call',
      event: 'started',
      call: { id: 'CA100', agentId: 'agent-7', from: '+15551234', to: '+18005550100' },
    });
    session.handleText(JSON.stringify({ event: 'stop', stop: { callSid: 'CA100' } }));
    await session.handleClose(1000);
    const ends = recorder.received.filter((event) => event.type === 'call' && event.event === 'ended');
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ call: { endReason: 'completed' } });
  });

  it('fills a gap in media timestamps with silence so segment offsets stay on the call clock', async () => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    await session.handleText(start('CA200'));
    session.handleText(media('outbound', 0));
    session.handleText(media('outbound', 6000));
    await new Promise((resolve) => setImmediate(resolve));
    const agentSegments = recorder.received.flatMap((event) =>
      event.type === 'transcript' && event.transcript.speaker === 'agent' ? [event.transcript] : [],
    );
    expect(Math.max(...agentSegments.map((segment) => segment.endMs))).toBeGreaterThan(4000);
    await session.abort('completed');
  });

  it('rejects media before start with a policy close and a stable code', () => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    let thrown: unknown;
    try {
      session.handleText(media('inbound', 0));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TntError);
    expect(thrown).toMatchObject({ code: 'INGEST_MEDIA_BEFORE_START', closeCode: 1008 });
  });

  it.each([
    ['a callSid outside the call-id rule', start('call 42'), 'INGEST_INVALID_CALL_ID', 'start.callSid must be 1 to 128 letters'],
    [
      'a start without tracks',
      JSON.stringify({ event: 'start', start: { callSid: 'CA9', mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000 } } }),
      'INGEST_INVALID_MESSAGE',
      'start.tracks must be an array',
    ],
    [
      'JSON nested deeper than the configured limit',
      `${'{"a":'.repeat(MAX_JSON_DEPTH + 1)}1${'}'.repeat(MAX_JSON_DEPTH + 1)}`,
      'INGEST_INVALID_MESSAGE',
      `JSON nests deeper than ${MAX_JSON_DEPTH} levels`,
    ],
  ])('refuses %s at the start frame with a close that names the field', (_name, frame, code, message) => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    expect(() => session.handleText(frame)).toThrow(
      expect.objectContaining({ code, closeCode: 1008, message: expect.stringContaining(message) }),
    );
    expect(recorder.received).toEqual([]);
  });

  it('ends the call as disconnected when the socket closes without stop', async () => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    await session.handleText(start('CA300'));
    await session.handleClose(1006);
    expect(recorder.received.at(-1)).toMatchObject({ type: 'call', event: 'ended', call: { id: 'CA300', endReason: 'disconnected' } });
  });

  it('ends the call as disconnected when the socket closes while the call is still being started', async () => {
    const session = new TwilioMediaSession(transcription, MAX_JSON_DEPTH);
    const starting = session.handleText(start('CA400'));
    await session.handleClose(1006);
    await starting;
    expect(recorder.received.at(-1)).toMatchObject({ type: 'call', event: 'ended', call: { id: 'CA400', endReason: 'disconnected' } });
    expect(transcription.liveCallCount).toBe(0);
  });
});
