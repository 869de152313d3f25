import { Logger } from '@nestjs/common';
import { DEFAULT_PACING, ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallConflict, CallSessionService, LocalCallEventBus, MemoryCallEventStore, StoreUnavailable } from '@tnt/server/feature-sessions';
import { RecordingSubscriber } from '@tnt/server/feature-sessions/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import { EngineFailingOnOpen, emptyTranscriptPipeline } from '../testing';
import { AtCapacity, EngineUnavailable, ShuttingDown } from './call-start-errors';
import { PERFORMANCE_CLOCK, SpeechCapacityMonitor } from './speech-capacity-monitor';
import { TranscriptionService } from './transcription.service';

/** A memory store that cannot create calls, as a full disk would. */
class StoreRefusingCalls extends MemoryCallEventStore {
  override createCall(): void {
    throw new Error('disk full');
  }
}

const start = (id: string) => ({ id, agentId: 'agent-1', speakers: ['caller', 'agent'] as const, sampleRate: 16000 });

describe('TranscriptionService.startCall', () => {
  let sessions: CallSessionService;
  let recorder: RecordingSubscriber;
  let loggedErrors: jest.SpyInstance;

  function serviceWith(
    engine: ScriptedEngine,
    store = new MemoryCallEventStore(100),
    env: Record<string, string> = {},
  ): TranscriptionService {
    const config = loadConfig(env);
    sessions = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
    recorder = new RecordingSubscriber();
    sessions.subscribe(recorder, '*');
    const metrics = new PrometheusMetrics();
    const readiness = new ReadinessChecks();
    const capacity = new SpeechCapacityMonitor(engine, config, PERFORMANCE_CLOCK, metrics, readiness);
    return new TranscriptionService(engine, sessions, emptyTranscriptPipeline(), config, metrics, readiness, capacity);
  }

  beforeEach(() => (loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
  afterEach(() => {
    loggedErrors.mockRestore();
    sessions.onModuleDestroy();
  });

  it('returns a live call with a stream open for every speaker', () => {
    const transcription = serviceWith(new ScriptedEngine());
    const live = transcription.startCall(start('CA-both'));
    expect([live.hasSpeaker('caller'), live.hasSpeaker('agent')]).toEqual([true, true]);
    expect(transcription.liveCallCount).toBe(1);
    expect(sessions.getCall('CA-both')?.status).toBe('active');
  });

  it("ends the call as engine-unavailable when the second speaker's stream cannot be opened, and closes the first", async () => {
    const engine = new EngineFailingOnOpen(2);
    const transcription = serviceWith(engine);
    let thrown: unknown;
    try {
      transcription.startCall(start('CA-engine'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EngineUnavailable);
    expect(thrown).toMatchObject({ callId: 'CA-engine', speaker: 'agent', cause: new Error('no decoder left in the pool') });
    expect(transcription.liveCallCount).toBe(0);
    expect(sessions.activeCallIds()).toEqual([]);
    expect(sessions.getCall('CA-engine')).toMatchObject({ status: 'ended', endReason: 'engine-unavailable' });
    const callEvents = recorder.received.map((event) => (event.type === 'call' ? [event.event, event.call.endReason] : [event.type]));
    expect(callEvents).toEqual([
      ['started', undefined],
      ['ended', 'engine-unavailable'],
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(engine.ended).toBe(1);
    const logged = String(loggedErrors.mock.calls[0]?.[0]);
    expect(logged).toMatch(/call CA-engine: ending it as engine-unavailable[\s\S]*caused by: Error: no decoder left/);
  });

  it('lets StoreUnavailable through without opening any stream when the call cannot be stored', () => {
    const engine = new EngineFailingOnOpen(0);
    const transcription = serviceWith(engine, new StoreRefusingCalls(100));
    expect(() => transcription.startCall(start('CA-store'))).toThrow(StoreUnavailable);
    expect(engine.opened).toBe(0);
    expect(transcription.liveCallCount).toBe(0);
    expect(sessions.getCall('CA-store')).toBeUndefined();
  });

  it('refuses an id already live with CallConflict and leaves that call running', () => {
    const transcription = serviceWith(new ScriptedEngine());
    const first = transcription.startCall(start('CA-twin'));
    expect(() => transcription.startCall(start('CA-twin'))).toThrow(CallConflict);
    expect(first.isEnding).toBe(false);
    expect(sessions.getCall('CA-twin')?.status).toBe('active');
    expect(transcription.liveCallCount).toBe(1);
  });

  it('refuses every call with ShuttingDown once shutdown has begun, storing nothing', async () => {
    const transcription = serviceWith(new ScriptedEngine());
    await transcription.endAll('shutdown');
    expect(() => transcription.startCall(start('CA-late'))).toThrow(ShuttingDown);
    expect(sessions.getCall('CA-late')).toBeUndefined();
  });

  it('refuses a call with AtCapacity before storing or opening anything, and leaves the calls it took running', async () => {
    // SIMULATED cost: 0.3 s of decoding per second of audio per stream on one thread; one call (2 streams) loads it to 0.6.
    const engine = new ScriptedEngine(DEFAULT_PACING, 0.3);
    const transcription = serviceWith(engine, new MemoryCallEventStore(100), { TNT_CAPACITY_MAX_LOAD: '0.9' });
    const first = await transcription.startCall(start('CA-taken'));
    await expect(transcription.startCall(start('CA-refused'))).rejects.toThrow(AtCapacity);
    expect(await sessions.getCall('CA-refused')).toBeUndefined();
    expect(engine.measureLoad().openStreams).toBe(2);
    expect(first.isEnding).toBe(false);
    expect(transcription.liveCallCount).toBe(1);
  });
});
