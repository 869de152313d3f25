import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, subscribeLive } from '@tnt/server/feature-sessions/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import type { Insight, TranscriptSegment } from '@tnt/protocol';
import { emptyTranscriptPipeline, transcriptPipelineOf } from '../testing';
import { LiveCall } from './live-call';
import { ProcessesTranscripts, type LiveCallContext, type TranscriptProcessor } from './transcript-processor';

/** A processor that keeps the call's context and raises insights from its hooks and, on command, from outside any segment. */
@ProcessesTranscripts()
class HookRecorder implements TranscriptProcessor {
  context: LiveCallContext | undefined;
  readonly heard: string[] = [];

  process(segment: TranscriptSegment): TranscriptSegment {
    this.heard.push(`process ${segment.id}`);
    return segment;
  }

  callStarted(context: LiveCallContext): void {
    this.heard.push(`started ${context.call.id}`);
    this.context = context;
  }

  callEnding(context: LiveCallContext): void {
    this.heard.push('ending');
    context.raiseInsight(insight('closing-metrics'));
  }
}

const insight = (id: string): Insight => ({ kind: 'metrics', id, timestamp: new Date(0).toISOString() });

/** Lets the segments written so far reach the store and the subscribers (the memory store answers in microtasks). */
const published = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveCall', () => {
  const emptyPipeline = emptyTranscriptPipeline();
  let sessions: CallSessionService;
  afterEach(() => sessions.onModuleDestroy());

  async function start(pipeline = emptyPipeline): Promise<{ live: LiveCall; recorder: RecordingSubscriber }> {
    sessions = new CallSessionService(new MemoryCallEventStore(100), new LocalCallEventBus(), loadConfig({}), new PrometheusMetrics());
    const recorder = new RecordingSubscriber();
    await subscribeLive(sessions, recorder, '*');
    const call = await sessions.startCall({ id: 'call-live', agentId: 'agent-1' });
    const live = new LiveCall(call, { sessions, engine: new ScriptedEngine(), pipeline, language: 'en-US' });
    return { live, recorder };
  }

  it('labels segments with speaker-scoped ids, the engine and the simulation flag', async () => {
    const { live, recorder } = await start();
    live.openSpeaker('agent', 16000);
    live.write('agent', new Int16Array(16000 * 3));
    await published();
    const transcripts = recorder.received.filter((event) => event.type === 'transcript');
    expect(transcripts.length).toBeGreaterThan(0);
    for (const event of transcripts) {
      if (event.type !== 'transcript') continue;
      expect(event.transcript).toMatchObject({ speaker: 'agent', engine: 'scripted', simulated: true });
      expect(event.transcript.id).toMatch(/^agent-u\d+$/);
    }
  });

  it('publishes the flushed final of an open utterance before the call ends', async () => {
    const { live, recorder } = await start();
    live.openSpeaker('agent', 16000);
    live.write('agent', new Int16Array(16000 * 2));
    await live.end('completed');
    const [beforeLast, last] = recorder.received.slice(-2);
    expect(beforeLast).toMatchObject({ type: 'transcript', transcript: { isFinal: true } });
    expect(last).toMatchObject({ type: 'call', event: 'ended', call: { endReason: 'completed' } });
  });

  it("tells processors of a call's start first, publishes what they raise later in turn, a closing insight before ended", async () => {
    const hooks = new HookRecorder();
    const { live, recorder } = await start(transcriptPipelineOf(hooks));
    live.openSpeaker('agent', 16000);
    live.write('agent', new Int16Array(16000 * 3));
    await published();
    hooks.context?.raiseInsight(insight('from-a-timer'));
    await live.end('completed');
    hooks.context?.raiseInsight(insight('too-late'));
    await published();

    expect(hooks.heard[0]).toBe('started call-live');
    expect(hooks.heard[1]).toMatch(/^process agent-u/);
    expect(hooks.heard.at(-1)).toBe('ending');
    const insightIds = recorder.received.flatMap((event) => (event.type === 'insight' ? [event.insight.id] : []));
    expect(insightIds).toEqual(['from-a-timer', 'closing-metrics']);
    const [beforeLast, last] = recorder.received.slice(-2);
    expect(beforeLast).toMatchObject({ type: 'insight', insight: { id: 'closing-metrics' } });
    expect(last).toMatchObject({ type: 'call', event: 'ended' });
  });

  it('resamples audio at a rate the engine does not take, keeping the audio clock', async () => {
    class SixteenKilohertzOnly extends ScriptedEngine {
      override readonly sampleRates = [16000];
    }
    sessions = new CallSessionService(new MemoryCallEventStore(100), new LocalCallEventBus(), loadConfig({}), new PrometheusMetrics());
    const recorder = new RecordingSubscriber();
    await subscribeLive(sessions, recorder, '*');
    const call = await sessions.startCall({ id: 'call-8k', agentId: 'agent-1' });
    const live = new LiveCall(call, { sessions, engine: new SixteenKilohertzOnly(), pipeline: emptyPipeline, language: 'en-US' });
    live.openSpeaker('agent', 8000);
    for (let chunk = 0; chunk < 150; chunk++) live.write('agent', new Int16Array(160));
    await published();
    const lastEndMs = Math.max(...recorder.received.map((event) => (event.type === 'transcript' ? event.transcript.endMs : 0)));
    expect(lastEndMs).toBeGreaterThan(2500);
    expect(lastEndMs).toBeLessThanOrEqual(3000);
  });

  it('refuses a sample rate that no resampler handles, naming it', async () => {
    const { live } = await start();
    expect(() => live.openSpeaker('caller', 11025)).toThrow(/11025/);
  });
});
