import { isTalkMetricsInsight, type CallEventMessage } from '@tnt/protocol';
import { ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { CallSessionService, LocalCallEventBus, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { RecordingSubscriber, subscribeLive } from '@tnt/server/feature-sessions/testing';
import { LiveCall } from '@tnt/server/feature-transcription';
import { transcriptPipelineOf } from '@tnt/server/feature-transcription/testing';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { ManualTalkClock } from './manual-talk-clock';
import { TalkMetricsProcessor } from './talk-metrics.processor';

/** Lets the events written so far reach the store and the subscribers (the memory store answers in microtasks). */
const published = () => new Promise((resolve) => setImmediate(resolve));

describe('TalkMetricsProcessor in a live call (real pipeline, session service and SIMULATED scripted engine)', () => {
  let sessions: CallSessionService;
  afterEach(() => sessions.onModuleDestroy());

  it('publishes readings and a silence alert as call events, and the closing reading right before ended', async () => {
    const clock = new ManualTalkClock();
    const processor = new TalkMetricsProcessor({ intervalMs: 2000, silenceAlertMs: 5000, maxCalls: 10, clock }, new PrometheusMetrics());
    sessions = new CallSessionService(new MemoryCallEventStore(1000), new LocalCallEventBus(), loadConfig({}), new PrometheusMetrics());
    const recorder = new RecordingSubscriber();
    await subscribeLive(sessions, recorder, '*');
    const call = await sessions.startCall({ id: 'call-metrics', agentId: 'agent-1' });
    const live = new LiveCall(call, {
      sessions,
      engine: new ScriptedEngine(),
      pipeline: transcriptPipelineOf(processor),
      language: 'en-US',
    });
    live.openSpeaker('agent', 16000);
    live.openSpeaker('caller', 16000);
    // Twelve seconds of the conversation, a second of audio for each second on the clock.
    for (let second = 0; second < 12; second++) {
      live.write('agent', new Int16Array(16000));
      live.write('caller', new Int16Array(16000));
      await published();
      clock.advance(1000);
      await published();
    }
    // Then the line goes quiet (no audio, no segments) for longer than the threshold.
    clock.advance(6000);
    await published();
    await live.end('completed');
    await published();

    const events: CallEventMessage[] = recorder.received;
    const readings = events.flatMap((event) => (event.type === 'insight' && isTalkMetricsInsight(event.insight) ? [event.insight] : []));
    expect(readings.length).toBeGreaterThanOrEqual(4);
    const readAt = readings.filter((reading) => !reading.final).map((reading) => Date.parse(reading.timestamp));
    expect(readAt.slice(1).every((at, index) => at - readAt[index] >= 2000)).toBe(true);
    expect(readings.map((reading) => reading.asOfMs)).toEqual([...readings.map((reading) => reading.asOfMs)].sort((a, b) => a - b));
    const closing = readings.at(-1);
    expect(closing).toMatchObject({ final: true });
    expect((closing?.talkMs.agent ?? 0) + (closing?.talkMs.caller ?? 0)).toBeGreaterThan(0);
    expect(closing?.wordsPerMinute.agent).toBeGreaterThan(0);
    const silenceAlerts = events.filter((event) => event.type === 'insight' && event.insight.kind === 'alert');
    expect(silenceAlerts).toHaveLength(1);
    expect(silenceAlerts[0]).toMatchObject({ insight: { name: 'long-silence' } });
    const [beforeLast, last] = events.slice(-2);
    expect(beforeLast).toMatchObject({ type: 'insight', insight: { id: 'talk-metrics-final', final: true } });
    expect(last).toMatchObject({ type: 'call', event: 'ended' });
    expect(processor.followedCalls).toBe(0);
  });
});
