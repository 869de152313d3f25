import { alternatingModes, compareOnOff, medianOf, type OnOffRound } from './on-off-summary';

const round = (mode: 'on' | 'off', p99Ms: number, extra: Partial<OnOffRound> = {}): OnOffRound => ({
  mode,
  p50Ms: p99Ms / 2,
  p99Ms,
  deliveries: 1000,
  lost: 0,
  duplicates: 0,
  ...extra,
});

describe('medianOf', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(medianOf([5, 1, 3])).toBe(3);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([])).toBeNaN();
  });
});

describe('compareOnOff', () => {
  it('meets the bar when the median p99 with modules on adds at most 2 ms', () => {
    const comparison = compareOnOff([
      round('off', 10),
      round('on', 11),
      round('off', 12),
      round('on', 14),
      round('off', 30),
      round('on', 13),
    ]);
    expect(comparison.off.p99Ms).toBe(12);
    expect(comparison.on.p99Ms).toBe(13);
    expect(comparison.p99AddedMs).toBe(1);
    expect(comparison.barMet).toBe(true);
    expect(comparison.on.deliveries).toBe(3000);
  });

  it('misses the bar when the modules add more than 2 ms', () => {
    const comparison = compareOnOff([round('off', 10), round('on', 12.5)]);
    expect(comparison.p99AddedMs).toBe(2.5);
    expect(comparison.barMet).toBe(false);
  });

  it('misses the bar when an event was lost or duplicated, whatever the latency', () => {
    expect(compareOnOff([round('off', 10), round('on', 10, { lost: 1 })]).barMet).toBe(false);
    expect(compareOnOff([round('off', 10, { duplicates: 2 }), round('on', 10)]).barMet).toBe(false);
  });

  it('misses the bar when a mode has no round', () => {
    expect(compareOnOff([round('off', 10)]).barMet).toBe(false);
  });
});

describe('alternatingModes', () => {
  it('alternates off and on, starting with off', () => {
    expect(alternatingModes(2)).toEqual(['off', 'on', 'off', 'on']);
  });
});
