import { Module } from '@nestjs/common';
import { METRICS, METRICS_EXPOSITION } from './metrics-registry';
import { PrometheusMetrics } from './prometheus-metrics';
import { ReadinessChecks } from './readiness';

/**
 * The metrics registry ({@link METRICS}, Prometheus underneath, with process metrics as `tnt_…`)
 * and the {@link ReadinessChecks}. Features import it to register what they measure; one
 * instance serves the whole server because Nest shares a module imported from several places.
 */
@Module({
  providers: [
    { provide: PrometheusMetrics, useFactory: () => new PrometheusMetrics({ processMetricsPrefix: 'tnt_' }) },
    { provide: METRICS, useExisting: PrometheusMetrics },
    { provide: METRICS_EXPOSITION, useExisting: PrometheusMetrics },
    ReadinessChecks,
  ],
  exports: [METRICS, METRICS_EXPOSITION, ReadinessChecks],
})
export class MetricsModule {}
