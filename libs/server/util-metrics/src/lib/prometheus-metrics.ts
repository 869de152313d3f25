import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type {
  CounterMetric,
  GaugeDefinition,
  GaugeMetric,
  HistogramDefinition,
  HistogramMetric,
  MetricDefinition,
  MetricsExposition,
  MetricsRegistry,
} from './metrics-registry';

/** Options of {@link PrometheusMetrics}. */
export interface PrometheusMetricsOptions {
  /** When set, Node process metrics (memory, CPU, event-loop lag) are collected under this prefix, e.g. `tnt_`. */
  readonly processMetricsPrefix?: string;
}

/**
 * The metrics port over prom-client, in a registry of its own (never prom-client's global one),
 * so several servers in one process, as in tests, keep separate figures.
 */
export class PrometheusMetrics implements MetricsRegistry, MetricsExposition {
  private readonly registry = new Registry();

  constructor(options: PrometheusMetricsOptions = {}) {
    if (options.processMetricsPrefix !== undefined) {
      collectDefaultMetrics({ register: this.registry, prefix: options.processMetricsPrefix });
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  counter(definition: MetricDefinition): CounterMetric {
    const counter = new Counter({ ...this.common(definition) });
    return { inc: (labels = {}, amount = 1) => counter.inc(labels, amount) };
  }

  gauge(definition: GaugeDefinition): GaugeMetric {
    const sample = definition.sample;
    const gauge = new Gauge({
      ...this.common(definition),
      // prom-client calls `collect` with the gauge as `this` just before each scrape.
      ...(sample
        ? {
            collect(this: Gauge) {
              this.set(sample());
            },
          }
        : {}),
    });
    return { set: (value, labels = {}) => gauge.set(labels, value) };
  }

  histogram(definition: HistogramDefinition): HistogramMetric {
    const histogram = new Histogram({ ...this.common(definition), buckets: [...definition.buckets] });
    return { observe: (value, labels = {}) => histogram.observe(labels, value) };
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  private common(definition: MetricDefinition) {
    return { name: definition.name, help: definition.help, labelNames: [...(definition.labelNames ?? [])], registers: [this.registry] };
  }
}
