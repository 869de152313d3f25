/** Latencies above this land in one overflow bucket (their exact value is kept only as the maximum). */
export const HISTOGRAM_CEILING_MS = 120_000;

/** The wire form of a histogram: `[milliseconds, count]` pairs of the non-empty buckets, plus extremes. */
export interface HistogramData {
  readonly buckets: readonly (readonly [number, number])[];
  readonly maxMs: number;
  /** Samples that were below zero (clock steps); they are counted as 0 ms. */
  readonly negative: number;
}

/**
 * Latencies in whole milliseconds, one bucket per millisecond up to {@link HISTOGRAM_CEILING_MS}.
 * Every sample is kept (no sampling), so percentiles of merged histograms are exact to the
 * millisecond, which is the resolution of the timestamps being compared.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(HISTOGRAM_CEILING_MS + 2);
  private total = 0;
  private sum = 0;
  private max = 0;
  private negative = 0;

  /** Counts one latency, rounded to the nearest millisecond. */
  record(latencyMs: number): void {
    let bucket = Math.round(latencyMs);
    if (bucket < 0) {
      this.negative++;
      bucket = 0;
    }
    this.counts[Math.min(bucket, HISTOGRAM_CEILING_MS + 1)]++;
    this.total++;
    this.sum += bucket;
    if (bucket > this.max) this.max = bucket;
  }

  /** Adds every sample of `other` to this histogram. */
  merge(other: LatencyHistogram | HistogramData): this {
    const data = other instanceof LatencyHistogram ? other.toData() : other;
    for (const [milliseconds, count] of data.buckets) {
      this.counts[milliseconds] += count;
      this.total += count;
      this.sum += Math.min(milliseconds, HISTOGRAM_CEILING_MS) * count;
    }
    this.max = Math.max(this.max, data.maxMs);
    this.negative += data.negative;
    return this;
  }

  /** How many samples were recorded. */
  get count(): number {
    return this.total;
  }

  /** Mean latency in ms (overflowing samples count as the ceiling); NaN when empty. */
  get mean(): number {
    return this.total === 0 ? Number.NaN : this.sum / this.total;
  }

  /** Largest latency seen in ms; 0 when empty. */
  get maxMs(): number {
    return this.max;
  }

  /**
   * The `p`-th percentile (0..100) by nearest rank, like `percentile()` in ./percentile;
   * NaN when empty, Infinity when it falls in the overflow bucket.
   */
  percentile(p: number): number {
    if (this.total === 0) return Number.NaN;
    const rank = Math.min(this.total, Math.max(1, Math.ceil((p / 100) * this.total)));
    let seen = 0;
    for (let milliseconds = 0; milliseconds < this.counts.length; milliseconds++) {
      seen += this.counts[milliseconds];
      if (seen >= rank) return milliseconds > HISTOGRAM_CEILING_MS ? Number.POSITIVE_INFINITY : milliseconds;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** p50, p90, p99, p99.9, max and count, for reports. */
  summary(): LatencySummary {
    return {
      count: this.total,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.max,
      mean: Math.round(this.mean * 100) / 100,
    };
  }

  /** The compact form sent between processes. */
  toData(): HistogramData {
    const buckets: [number, number][] = [];
    for (let milliseconds = 0; milliseconds < this.counts.length; milliseconds++) {
      if (this.counts[milliseconds] > 0) buckets.push([milliseconds, this.counts[milliseconds]]);
    }
    return { buckets, maxMs: this.max, negative: this.negative };
  }

  /** Rebuilds a histogram sent by another process. */
  static fromData(data: HistogramData): LatencyHistogram {
    return new LatencyHistogram().merge(data);
  }
}

/** Percentiles of a latency histogram, in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}
