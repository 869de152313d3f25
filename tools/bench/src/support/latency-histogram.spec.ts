import { HISTOGRAM_CEILING_MS, LatencyHistogram } from './latency-histogram';
import { percentile } from './percentile';

/** Deterministic pseudo-random latencies with a long tail, like a loaded server's. */
function latencies(count: number, seed: number): number[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => Math.round(-Math.log(1 - next()) * 20));
}

describe('LatencyHistogram', () => {
  it('gives the same percentiles as sorting every sample', () => {
    const samples = latencies(20_000, 7);
    const histogram = new LatencyHistogram();
    for (const sample of samples) histogram.record(sample);
    for (const p of [1, 50, 90, 99, 99.9, 100]) expect(histogram.percentile(p)).toBe(percentile(samples, p));
    expect(histogram.maxMs).toBe(Math.max(...samples));
  });

  it('merges histograms from several processes into the percentiles of all their samples', () => {
    const first = latencies(5_000, 1);
    const second = latencies(7_000, 2).map((value) => value * 3);
    const left = new LatencyHistogram();
    const right = new LatencyHistogram();
    first.forEach((value) => left.record(value));
    second.forEach((value) => right.record(value));
    const merged = LatencyHistogram.fromData(left.toData()).merge(right.toData());
    expect(merged.count).toBe(12_000);
    for (const p of [50, 99]) expect(merged.percentile(p)).toBe(percentile([...first, ...second], p));
  });

  it('counts negative samples as 0 ms and reports them', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-1);
    histogram.record(3);
    expect(histogram.percentile(50)).toBe(0);
    expect(histogram.toData().negative).toBe(1);
  });

  it('reports a percentile in the overflow bucket as Infinity but keeps the true maximum', () => {
    const histogram = new LatencyHistogram();
    histogram.record(5);
    histogram.record(HISTOGRAM_CEILING_MS + 500);
    expect(histogram.percentile(100)).toBe(Number.POSITIVE_INFINITY);
    expect(histogram.maxMs).toBe(HISTOGRAM_CEILING_MS + 500);
  });
});
