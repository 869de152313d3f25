import { eventCostTable, summariseEventCosts } from './event-cost';

describe('summariseEventCosts', () => {
  it('gives nearest-rank percentiles, the maximum and the mean in microseconds', () => {
    const samples = Array.from({ length: 100 }, (_, index) => BigInt((index + 1) * 1000));
    expect(summariseEventCosts(samples)).toEqual({ count: 100, p50Us: 50, p99Us: 99, maxUs: 100, meanUs: 50.5 });
  });

  it('does not depend on the order the samples were taken in', () => {
    expect(summariseEventCosts([3000n, 1000n, 2000n])).toEqual(summariseEventCosts([1000n, 2000n, 3000n]));
  });

  it('rounds to a tenth of a microsecond', () => {
    expect(summariseEventCosts([1234n]).p50Us).toBe(1.2);
    expect(summariseEventCosts([1250n]).p99Us).toBe(1.3);
  });

  it('reports no figure for no samples', () => {
    const summary = summariseEventCosts([]);
    expect(summary.count).toBe(0);
    expect(summary.p99Us).toBeNaN();
  });
});

describe('eventCostTable', () => {
  it('writes one row per pipeline, with a dash where nothing was measured', () => {
    const table = eventCostTable([
      {
        pipeline: 'all modules',
        interims: summariseEventCosts([10_000n]),
        finals: summariseEventCosts([]),
        insights: 3,
        redactedSegments: 2,
      },
    ]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('| all modules | 10.0 | 10.0 | — | — | 1 / 0 | 3 | 2 |');
  });
});
