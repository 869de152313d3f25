import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { METRICS_EXPOSITION, ReadinessChecks, type MetricsExposition } from '@tnt/server/util-metrics';
import type { Response } from 'express';

/** The body of `/readyz`: the verdict, then each check by name (`engine`, `store`, …): `true`, `false` or why it fails. */
export type ReadinessBody = { status: 'ready' | 'not ready' } & Record<string, boolean | string>;

/** `/metrics` for Prometheus, `/healthz` (the process is up) and `/readyz` (it can take calls). */
@Controller()
export class ObservabilityController {
  constructor(
    @Inject(METRICS_EXPOSITION) private readonly metrics: MetricsExposition,
    private readonly readiness: ReadinessChecks,
  ) {}

  @Get('metrics')
  async metricsText(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.setHeader('Content-Type', this.metrics.contentType);
    return this.metrics.render();
  }

  @Get('healthz')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  ready(@Res({ passthrough: true }) response: Response): ReadinessBody {
    const { ready, checks } = this.readiness.evaluate();
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', ...checks };
  }
}
