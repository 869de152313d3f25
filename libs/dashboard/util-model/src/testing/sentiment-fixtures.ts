import type { SentimentInsight } from '@tnt/protocol';

/** A caller's sentiment reading for specs: segment `u1`, mildly negative, unless `overrides` say otherwise. */
export function aCallerReading(overrides: Partial<SentimentInsight> = {}): SentimentInsight {
  const reading: SentimentInsight = {
    kind: 'sentiment',
    id: 'u1:sentiment',
    timestamp: '2026-03-02T10:00:05.000Z',
    speaker: 'caller',
    segmentId: 'u1',
    score: -0.459,
    callerTrend: -0.459,
    lexicon: 'afinn-165',
    ...overrides,
  };
  if (reading.callerTrend === undefined) delete reading.callerTrend;
  return reading;
}
