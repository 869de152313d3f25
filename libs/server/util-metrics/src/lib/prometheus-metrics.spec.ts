import { PrometheusMetrics } from './prometheus-metrics';

describe('PrometheusMetrics', () => {
  it('renders counters by label, sampled gauges and histogram buckets in Prometheus text', async () => {
    const metrics = new PrometheusMetrics();
    const errors = metrics.counter({ name: 'test_errors_total', help: 'errors', labelNames: ['code'] });
    let open = 3;
    metrics.gauge({ name: 'test_open', help: 'open things', sample: () => open });
    const latency = metrics.histogram({ name: 'test_latency_seconds', help: 'latency', buckets: [0.1, 1] });

    errors.inc({ code: 'A' });
    errors.inc({ code: 'A' }, 2);
    errors.inc({ code: 'B' });
    open = 5;
    latency.observe(0.5);

    const text = await metrics.render();
    expect(text).toContain('test_errors_total{code="A"} 3');
    expect(text).toContain('test_errors_total{code="B"} 1');
    expect(text).toContain('test_open 5');
    expect(text).toContain('test_latency_seconds_bucket{le="0.1"} 0');
    expect(text).toContain('test_latency_seconds_bucket{le="1"} 1');
    expect(metrics.contentType).toContain('text/plain');
  });

  it('keeps each instance separate, so two servers in one process can register the same names', async () => {
    const first = new PrometheusMetrics({ processMetricsPrefix: 'tnt_' });
    const second = new PrometheusMetrics({ processMetricsPrefix: 'tnt_' });
    first.counter({ name: 'test_total', help: 'count' }).inc();
    second.counter({ name: 'test_total', help: 'count' });
    expect(await first.render()).toContain('test_total 1');
    expect(await second.render()).toContain('test_total 0');
    expect(await first.render()).toContain('tnt_process_resident_memory_bytes');
  });
});
