import {
  isAlertInsight,
  isTalkMetricsInsight,
  type CallInfo,
  type Insight,
  type TalkMetricsInsight,
  type TranscriptSegment,
} from '@tnt/protocol';
import type { LiveCallContext } from '@tnt/server/feature-transcription';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { ManualTalkClock } from './manual-talk-clock';
import { TalkMetricsProcessor } from './talk-metrics.processor';
import { heardSegment as heard } from './heard-segment';

const call: CallInfo = { id: 'call-1', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };

/** A processor on a stepped clock, and every insight it raised, in the order it raised them. */
function setUp(options: { intervalMs?: number; silenceAlertMs?: number; maxCalls?: number } = {}) {
  const clock = new ManualTalkClock();
  const metrics = new PrometheusMetrics();
  const processor = new TalkMetricsProcessor(
    { intervalMs: options.intervalMs ?? 5000, silenceAlertMs: options.silenceAlertMs ?? 10_000, maxCalls: options.maxCalls ?? 100, clock },
    metrics,
  );
  const raised: Insight[] = [];
  const live = (info: CallInfo = call): LiveCallContext => ({ call: info, raiseInsight: (insight) => raised.push(insight) });
  const hear = (segment: TranscriptSegment, info: CallInfo = call) => expect(processor.process(segment, live(info))).toBe(segment);
  const readings = () => raised.filter(isTalkMetricsInsight);
  const alerts = () => raised.filter(isAlertInsight);
  return { clock, metrics, processor, raised, live, hear, readings, alerts };
}

describe('TalkMetricsProcessor', () => {
  it('publishes a reading with the first segment, then at most one per interval, the last from a timer', () => {
    const { clock, processor, live, hear, readings } = setUp({ intervalMs: 5000 });
    processor.callStarted(live());
    hear(heard('a1', 'agent', 0, 1000, 'hello', false));
    expect(readings()).toHaveLength(1);
    for (let second = 1; second <= 3; second++) {
      clock.advance(1000);
      hear(heard('a1', 'agent', 0, 1000 + second * 1000, 'hello there', false));
    }
    expect(readings()).toHaveLength(1);
    clock.advance(1999);
    expect(readings()).toHaveLength(1);
    clock.advance(1);
    expect(readings()).toHaveLength(2);
    expect(readings()[1]).toMatchObject<Partial<TalkMetricsInsight>>({
      id: 'talk-metrics-2',
      timestamp: '2026-01-01T00:00:05.000Z',
      asOfMs: 4000,
      talkMs: { caller: 0, agent: 4000 },
    });
    clock.advance(60_000);
    expect(readings()).toHaveLength(2);
  });

  it('waits out the interval when its timer runs early, so readings stay an interval apart by their timestamps', () => {
    const { clock, processor, live, hear, readings } = setUp({ intervalMs: 1000 });
    processor.callStarted(live());
    hear(heard('a1', 'agent', 0, 500, 'hello', false));
    clock.advance(200);
    hear(heard('a1', 'agent', 0, 700, 'hello there', false));
    clock.advance(790);
    clock.runEarly(20);
    expect(readings()).toHaveLength(1);
    clock.advance(10);
    expect(readings().map((reading) => reading.timestamp)).toEqual(['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z']);
  });

  it('publishes a segment-time reading right away once the interval has passed', () => {
    const { clock, processor, live, hear, readings } = setUp({ intervalMs: 5000 });
    processor.callStarted(live());
    hear(heard('a1', 'agent', 0, 1000));
    clock.advance(5000);
    hear(heard('c1', 'caller', 1500, 2500));
    expect(readings().map((reading) => reading.asOfMs)).toEqual([1000, 2500]);
  });

  it('reads no more than once per interval when a segment comes while the reading timer is late', () => {
    const { clock, processor, live, hear, readings } = setUp({ intervalMs: 5000 });
    processor.callStarted(live());
    hear(heard('a1', 'agent', 0, 1000, 'hello', false));
    clock.advance(1000);
    hear(heard('a1', 'agent', 0, 2000, 'hello there', false));
    clock.jump(4500);
    hear(heard('a1', 'agent', 0, 5500, 'hello there again', false));
    clock.advance(0);
    clock.advance(4999);
    const times = readings().map((reading) => Date.parse(reading.timestamp));
    expect(times.slice(1).every((at, index) => at - times[index] >= 5000)).toBe(true);
    expect(readings()).toHaveLength(2);
  });

  it('publishes the closing reading when the call ends and forgets the call with its timers', () => {
    const { clock, processor, live, hear, raised } = setUp({ intervalMs: 5000 });
    processor.callStarted(live());
    hear(heard('a1', 'agent', 0, 2000, 'one two three four'));
    clock.advance(1000);
    hear(heard('c1', 'caller', 3000, 4000, 'yes'));
    processor.callEnding(live());
    expect(raised.at(-1)).toEqual({
      kind: 'metrics',
      id: 'talk-metrics-final',
      timestamp: '2026-01-01T00:00:01.000Z',
      asOfMs: 4000,
      talkMs: { caller: 1000, agent: 2000 },
      agentTalkRatio: 0.667,
      silenceMs: 1000,
      overtalkMs: 0,
      longestSilenceMs: 1000,
      wordsPerMinute: { caller: 60, agent: 120 },
      final: true,
    });
    expect(processor.followedCalls).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('closes a call nobody spoke on with a reading of nothing', () => {
    const { processor, live, raised } = setUp();
    processor.callStarted(live());
    processor.callEnding(live());
    expect(raised).toEqual([expect.objectContaining({ kind: 'metrics', final: true, asOfMs: 0, talkMs: { caller: 0, agent: 0 } })]);
  });

  it('raises one long-silence alert while nobody is heard, and another only after someone spoke again', () => {
    const { clock, processor, live, hear, alerts } = setUp({ intervalMs: 5000, silenceAlertMs: 8000 });
    processor.callStarted(live());
    clock.advance(2000);
    hear(heard('a1', 'agent', 0, 2000));
    clock.advance(7999);
    expect(alerts()).toEqual([]);
    clock.advance(1);
    expect(alerts()).toEqual([
      {
        kind: 'alert',
        id: 'long-silence-1',
        timestamp: '2026-01-01T00:00:10.000Z',
        rule: 'long-silence',
        name: 'long-silence',
        severity: 'warning',
        matched: 'nobody spoke for 8 s',
        silentFromMs: 2000,
      },
    ]);
    clock.advance(60_000);
    expect(alerts()).toHaveLength(1);
    hear(heard('c1', 'caller', 70_000, 71_000));
    clock.advance(8000);
    expect(alerts().map((alert) => alert.id)).toEqual(['long-silence-1', 'long-silence-2']);
  });

  it('raises no alert for pauses shorter than the threshold, and counts silence from the call start', () => {
    const { clock, processor, live, hear, alerts } = setUp({ silenceAlertMs: 3000 });
    processor.callStarted(live());
    for (let step = 0; step < 10; step++) {
      clock.advance(2500);
      hear(heard(`a${step}`, 'agent', step * 2500, step * 2500 + 500));
    }
    expect(alerts()).toEqual([]);
    const quiet = setUp({ silenceAlertMs: 3000 });
    quiet.processor.callStarted(quiet.live());
    quiet.clock.advance(3000);
    expect(quiet.alerts()).toHaveLength(1);
  });

  it('raises no silence alert when it is switched off', () => {
    const { clock, processor, live, alerts } = setUp({ silenceAlertMs: 0 });
    processor.callStarted(live());
    clock.advance(600_000);
    expect(alerts()).toEqual([]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps calls apart, and forgets the least recently heard one past its limit', () => {
    const { processor, live, hear, raised } = setUp({ maxCalls: 2 });
    const other = (id: string): CallInfo => ({ ...call, id });
    for (const id of ['a', 'b', 'c']) {
      processor.callStarted(live(other(id)));
      hear(heard('s1', 'agent', 0, id === 'b' ? 2000 : 1000), other(id));
    }
    expect(processor.followedCalls).toBe(2);
    processor.callEnding(live(other('b')));
    expect(raised.at(-1)).toMatchObject({ final: true, talkMs: { agent: 2000 } });
    processor.callEnding(live(other('a')));
    expect(raised.at(-1)).toMatchObject({ final: true, talkMs: { agent: 0 } });
  });

  it('logs and counts an insight a timer could not raise, and goes on', async () => {
    const { clock, processor, metrics, hear } = setUp({ intervalMs: 5000 });
    processor.callStarted({
      call,
      raiseInsight: () => {
        throw new TypeError('insight is not well-formed');
      },
    });
    hear(heard('a1', 'agent', 0, 1000));
    clock.advance(1000);
    hear(heard('a2', 'agent', 1000, 2000));
    clock.advance(4000);
    expect(await metrics.render()).toMatch(/^tnt_talk_metrics_failures_total 1$/m);
  });
});
