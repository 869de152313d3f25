export {
  LATENCY_BUCKETS_SECONDS,
  METRICS,
  METRICS_EXPOSITION,
  type CounterMetric,
  type GaugeDefinition,
  type GaugeMetric,
  type HistogramDefinition,
  type HistogramMetric,
  type MetricDefinition,
  type MetricLabels,
  type MetricsExposition,
  type MetricsRegistry,
} from './lib/metrics-registry';
export { PrometheusMetrics, type PrometheusMetricsOptions } from './lib/prometheus-metrics';
export { ReadinessChecks, type NotReady, type Readiness, type ReadinessCheck } from './lib/readiness';
export { MetricsModule } from './lib/metrics.module';
