import { summarizeLatencies } from './latency-summary';

describe('summarizeLatencies', () => {
  it('takes nearest-rank percentiles of unsorted values', () => {
    const values = Array.from({ length: 1000 }, (_, index) => 1000 - index);
    expect(summarizeLatencies(values)).toEqual({ count: 1000, p50: 500, p90: 900, p99: 990, p999: 999, max: 1000 });
  });

  it('reports NaN when nothing was measured', () => {
    expect(summarizeLatencies([]).p99).toBeNaN();
  });
});
