import { aCallerReading } from '../testing';
import { callerReadingsOf, callerTrendLine, MAX_CALLER_READINGS, sentimentMood, withCallerReading } from './caller-sentiment';

describe('caller sentiment readings', () => {
  it("adds a caller's reading once, and ignores the agent's and other kinds", () => {
    const first = withCallerReading(undefined, aCallerReading({ id: 'u1:sentiment' }));
    expect(first?.map((reading) => reading.id)).toEqual(['u1:sentiment']);
    expect(withCallerReading(first, aCallerReading({ id: 'u1:sentiment' }))).toBe(first);
    expect(withCallerReading(first, aCallerReading({ id: 'u2:sentiment', speaker: 'agent' }))).toBe(first);
    expect(withCallerReading(first, { kind: 'metrics', id: 'm1', timestamp: '2026-03-02T10:00:05.000Z' })).toBe(first);
  });

  it('keeps the latest readings of a long call only', () => {
    let readings = withCallerReading(undefined, aCallerReading({ id: 'r0' }));
    for (let index = 1; index <= MAX_CALLER_READINGS; index++) readings = withCallerReading(readings, aCallerReading({ id: `r${index}` }));
    expect(readings).toHaveLength(MAX_CALLER_READINGS);
    expect(readings?.[0].id).toBe('r1');
  });

  it("takes a snapshot's caller readings in order, none when there are none", () => {
    const insights = [aCallerReading({ id: 'a' }), aCallerReading({ id: 'b', speaker: 'agent' }), aCallerReading({ id: 'c' })];
    expect(callerReadingsOf(insights)?.map((reading) => reading.id)).toEqual(['a', 'c']);
    expect(callerReadingsOf([])).toBeUndefined();
  });

  it('draws the trend, falling back to the score, and reads its mood', () => {
    expect(callerTrendLine([aCallerReading({ callerTrend: -0.5 }), aCallerReading({ score: 0.4, callerTrend: undefined })])).toEqual([
      -0.5, 0.4,
    ]);
    expect([-0.6, -0.2, 0, 0.19, 0.2].map(sentimentMood)).toEqual(['negative', 'negative', 'neutral', 'neutral', 'positive']);
  });
});
