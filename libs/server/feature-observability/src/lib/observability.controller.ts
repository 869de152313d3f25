import { Controller, Get, Header, HttpCode, Inject, Logger, Res } from '@nestjs/common';
import { CALL_EVENT_STORE, type CallEventStore } from '@tnt/server/feature-sessions';
import { TranscriptionService } from '@tnt/server/feature-transcription';
import type { Response } from 'express';
import { MetricsService } from './metrics.service';

/** `/metrics` for Prometheus, `/healthz` (the process is up) and `/readyz` (it can take calls). */
@Controller()
export class ObservabilityController {
  private readonly logger = new Logger(ObservabilityController.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly transcription: TranscriptionService,
    @Inject(CALL_EVENT_STORE) private readonly store: CallEventStore,
  ) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metricsText(): Promise<string> {
    return this.metrics.render();
  }

  @Get('healthz')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('readyz')
  ready(@Res({ passthrough: true }) response: Response): { status: 'ready' | 'not ready'; engine: boolean; store: boolean } {
    const engine = this.transcription.isReady;
    const store = this.storeAnswers();
    const ready = engine && store;
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', engine, store };
  }

  private storeAnswers(): boolean {
    try {
      this.store.getCall('readyz-probe');
      return true;
    } catch (error) {
      this.logger.warn(`readiness: the call store failed a lookup: ${String(error)}`);
      return false;
    }
  }
}
