import { Module } from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { ObservabilityController } from './observability.controller';

/**
 * `/metrics`, `/healthz` and `/readyz` on the gateway's HTTP port. A leaf: it serves what the
 * features registered with the metrics and readiness ports, and knows none of them.
 */
@Module({ imports: [MetricsModule], controllers: [ObservabilityController] })
export class ObservabilityModule {}
