import { Module } from '@nestjs/common';
import { GatewayModule } from '@tnt/server/feature-gateway';
import { IngestModule } from '@tnt/server/feature-ingest';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { MetricsService } from './metrics.service';
import { ObservabilityController } from './observability.controller';

/** Prometheus metrics and health endpoints on the gateway's HTTP port. */
@Module({
  imports: [GatewayModule, IngestModule, TranscriptionModule],
  controllers: [ObservabilityController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class ObservabilityModule {}
