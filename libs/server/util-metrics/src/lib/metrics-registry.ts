/** Label values of one series, e.g. `{ code: 'INGEST_MEDIA_BEFORE_START' }`. */
export type MetricLabels = Readonly<Record<string, string>>;

/** What every metric is registered with. Names follow Prometheus conventions (`tnt_…_total`, `…_seconds`). */
export interface MetricDefinition {
  readonly name: string;
  /** One line saying what is measured. */
  readonly help: string;
  /** Names of the labels its series carry, if any. */
  readonly labelNames?: readonly string[];
}

/** A gauge: set as things change, or read from `sample` each time the metrics are scraped. */
export interface GaugeDefinition extends MetricDefinition {
  /** Reads the current value at scrape time (e.g. how many sockets are open), instead of `set`. */
  readonly sample?: () => number;
}

/** A histogram with its bucket upper bounds. */
export interface HistogramDefinition extends MetricDefinition {
  readonly buckets: readonly number[];
}

/** A count that only goes up. */
export interface CounterMetric {
  inc(labels?: MetricLabels, amount?: number): void;
}

/** A value that goes up and down. */
export interface GaugeMetric {
  set(value: number, labels?: MetricLabels): void;
}

/** A distribution of observed values (latencies in seconds). */
export interface HistogramMetric {
  observe(value: number, labels?: MetricLabels): void;
}

/**
 * The metrics port: each feature registers its own counters, gauges and histograms here and
 * updates them where the measured thing happens. The adapter decides how they are exposed.
 */
export interface MetricsRegistry {
  counter(definition: MetricDefinition): CounterMetric;
  gauge(definition: GaugeDefinition): GaugeMetric;
  histogram(definition: HistogramDefinition): HistogramMetric;
}

/** Injection token of the {@link MetricsRegistry}. */
export const METRICS = Symbol('METRICS');

/** The registered metrics rendered for a scraper (the `/metrics` endpoint). */
export interface MetricsExposition {
  /** The HTTP `Content-Type` of {@link MetricsExposition.render}'s text. */
  readonly contentType: string;
  render(): Promise<string>;
}

/** Injection token of the {@link MetricsExposition}. */
export const METRICS_EXPOSITION = Symbol('METRICS_EXPOSITION');

/** Latency buckets in seconds: sub-millisecond fan-out up to multi-second recognition. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
