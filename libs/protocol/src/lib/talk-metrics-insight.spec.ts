import { isInsight } from './insight';
import { isTalkMetricsInsight, TALK_METRICS_INSIGHT, type TalkMetricsInsight } from './talk-metrics-insight';
import { validate } from './schema';

const reading: TalkMetricsInsight = {
  kind: 'metrics',
  id: 'talk-metrics-1',
  timestamp: '2026-01-01T00:00:05.000Z',
  asOfMs: 5000,
  talkMs: { caller: 2000, agent: 2500 },
  agentTalkRatio: 2500 / 4500,
  silenceMs: 1000,
  overtalkMs: 500,
  longestSilenceMs: 700,
  wordsPerMinute: { caller: 150, agent: 132 },
};

describe('TALK_METRICS_INSIGHT', () => {
  it('accepts a reading and a closing reading, which are insights of any kind as well', () => {
    expect(isTalkMetricsInsight(reading)).toBe(true);
    expect(isTalkMetricsInsight({ ...reading, final: true })).toBe(true);
    expect(isInsight(reading)).toBe(true);
  });

  it('keeps fields a later server adds', () => {
    expect(validate(TALK_METRICS_INSIGHT, { ...reading, pausesPerMinute: 3 })).toMatchObject({ ok: true, value: { pausesPerMinute: 3 } });
  });

  it.each([
    ['another kind', { ...reading, kind: 'alert' }],
    ['a ratio above 1', { ...reading, agentTalkRatio: 1.5 }],
    ['negative silence', { ...reading, silenceMs: -1 }],
    ['a speaker missing', { ...reading, talkMs: { caller: 1 } }],
    ['final: false', { ...reading, final: false }],
  ])('rejects %s', (_case, value) => {
    expect(isTalkMetricsInsight(value)).toBe(false);
  });
});
