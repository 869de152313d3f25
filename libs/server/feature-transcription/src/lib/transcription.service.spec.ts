import { Logger } from '@nestjs/common';
import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallConflict, CallSessionService, LocalCallEventBus, MemoryCallEventStore, StoreUnavailable } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, SlowReadsStore, subscribeLive } from '@tnt/server/feature-sessions/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import { EngineFailingOnOpen, emptyTranscriptPipeline } from '../testing';
import { EngineUnavailable, ShuttingDown } from './call-start-errors';
import { TranscriptionService } from './transcription.service';
import { PERFORMANCE_CLOCK, SpeechCapacityMonitor } from './speech-capacity-monitor';

/** A memory store that cannot create calls, as a full disk would. */
class StoreRefusingCalls extends MemoryCallEventStore {
  override createCall(): Promise<void> {
    return Promise.reject(new Error('disk full'));
  }
}

const start = (id: string) => ({ id, agentId: 'agent-1', speakers: ['caller', 'agent'] as const, sampleRate: 16000 });

describe('TranscriptionService.startCall', () => {
  let sessions: CallSessionService;
  let recorder: RecordingSubscriber;
  let loggedErrors: jest.SpyInstance;

  async function serviceWith(engine: ScriptedEngine, store = new MemoryCallEventStore(100)): Promise<TranscriptionService> {
    const config = loadConfig({});
    sessions = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
    recorder = new RecordingSubscriber();
    await subscribeLive(sessions, recorder, '*');
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

  it('returns a live call with a stream open for every speaker', async () => {
    const transcription = await serviceWith(new ScriptedEngine());
    const live = await transcription.startCall(start('CA-both'));
    expect([live.hasSpeaker('caller'), live.hasSpeaker('agent')]).toEqual([true, true]);
    expect(transcription.liveCallCount).toBe(1);
    expect((await sessions.getCall('CA-both'))?.status).toBe('active');
  });

  it("ends the call as engine-unavailable when the second speaker's stream cannot be opened, and closes the first", async () => {
    const engine = new EngineFailingOnOpen(2);
    const transcription = await serviceWith(engine);
    let thrown: unknown;
    try {
      await transcription.startCall(start('CA-engine'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EngineUnavailable);
    expect(thrown).toMatchObject({ callId: 'CA-engine', speaker: 'agent', cause: new Error('no decoder left in the pool') });
    expect(transcription.liveCallCount).toBe(0);
    expect(sessions.activeCallIds()).toEqual([]);
    expect(await sessions.getCall('CA-engine')).toMatchObject({ status: 'ended', endReason: 'engine-unavailable' });
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

  it('lets StoreUnavailable through without opening any stream when the call cannot be stored', async () => {
    const engine = new EngineFailingOnOpen(0);
    const transcription = await serviceWith(engine, new StoreRefusingCalls(100));
    await expect(transcription.startCall(start('CA-store'))).rejects.toThrow(StoreUnavailable);
    expect(engine.opened).toBe(0);
    expect(transcription.liveCallCount).toBe(0);
    expect(await sessions.getCall('CA-store')).toBeUndefined();
  });

  it('refuses an id already live with CallConflict and leaves that call running', async () => {
    const transcription = await serviceWith(new ScriptedEngine());
    const first = await transcription.startCall(start('CA-twin'));
    await expect(transcription.startCall(start('CA-twin'))).rejects.toThrow(CallConflict);
    expect(first.isEnding).toBe(false);
    expect((await sessions.getCall('CA-twin'))?.status).toBe('active');
    expect(transcription.liveCallCount).toBe(1);
  });

  it('refuses every call with ShuttingDown once shutdown has begun, storing nothing', async () => {
    const transcription = await serviceWith(new ScriptedEngine());
    await transcription.endAll('shutdown');
    await expect(transcription.startCall(start('CA-late'))).rejects.toThrow(ShuttingDown);
    expect(await sessions.getCall('CA-late')).toBeUndefined();
  });

  it('ends, as shutdown, a call whose start was still under way when shutdown began, and refuses it', async () => {
    const store = new SlowReadsStore(100, 'released');
    const transcription = await serviceWith(new ScriptedEngine(), store);
    store.hold('getCall');
    const starting = transcription.startCall(start('CA-midway'));
    await store.readAsked();
    const stopping = transcription.endAll('shutdown');
    store.hold();
    store.release();
    await stopping;

    await expect(starting).rejects.toThrow(ShuttingDown);
    expect(transcription.liveCallCount).toBe(0);
    expect(sessions.activeCallIds()).toEqual([]);
    expect(await sessions.getCall('CA-midway')).toMatchObject({ status: 'ended', endReason: 'shutdown' });
  });
});
