import { isInsight } from './insight';
import { validate } from './schema';
import { isSentimentInsight, SENTIMENT_INSIGHT, type SentimentInsight } from './sentiment-insight';

const reading: SentimentInsight = {
  kind: 'sentiment',
  id: 'caller-3:sentiment',
  timestamp: '2026-01-01T00:00:01.000Z',
  speaker: 'caller',
  segmentId: 'caller-3',
  score: -0.61,
  callerTrend: -0.3,
  lexicon: 'afinn-165',
};

describe('sentiment insights', () => {
  it('accepts a reading, which is also an insight of any kind', () => {
    expect(isSentimentInsight(reading)).toBe(true);
    expect(isInsight(reading)).toBe(true);
  });

  it('accepts a reading before the caller has said anything, without a trend', () => {
    const agentFirst: Partial<SentimentInsight> = { ...reading, speaker: 'agent' };
    delete agentFirst.callerTrend;
    expect(isSentimentInsight(agentFirst)).toBe(true);
  });

  it.each([
    ['a score beyond -1..1', { score: -1.2 }, 'score'],
    ['a trend beyond -1..1', { callerTrend: 2 }, 'callerTrend'],
    ['no segment', { segmentId: undefined }, 'segmentId'],
    ['another kind', { kind: 'alert' }, 'kind'],
  ])('refuses %s, naming the field', (_case, change, field) => {
    const result = validate(SENTIMENT_INSIGHT, { ...reading, ...change });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(field);
  });
});
