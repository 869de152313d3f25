import type { CounterMetric, GaugeMetric, HistogramMetric, MetricLabels, MetricsRegistry } from '@tnt/server/util-metrics';

/** Sums every counter by name and labels, e.g. `tnt_bus_queue_dropped_total{kind=interim}`. */
export class RecordingMetrics implements MetricsRegistry {
  readonly counts = new Map<string, number>();
  counter(definition: { name: string }): CounterMetric {
    return {
      inc: (labels: MetricLabels = {}, amount = 1) => {
        const key = `${definition.name}${Object.entries(labels).map(([name, value]) => `{${name}=${value}}`)}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + amount);
      },
    };
  }
  gauge(): GaugeMetric {
    return { set: () => undefined };
  }
  histogram(): HistogramMetric {
    return { observe: () => undefined };
  }
}
