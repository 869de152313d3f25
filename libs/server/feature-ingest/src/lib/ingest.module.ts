import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { AudioHookContinuations } from './audiohook-continuations';
import { IngestConnections } from './ingest-connections';
import { AudioHookIngestGateway, L16IngestGateway, TwilioIngestGateway } from './ingest.gateways';

/** What the ingest module runs on. */
export interface IngestModuleOptions {
  /** The configured transcription module (`TranscriptionModule.forRoot(…)`) that calls are started on. */
  readonly transcription: DynamicModule;
}

/**
 * Call audio in: `/ingest/twilio`, `/ingest/l16` and `/ingest/audiohook` on the gateway's port. Who may connect is
 * checked at the WebSocket upgrade, before these gateways see the socket.
 */
@Module({})
export class IngestModule {
  /** Ingest starting calls on `options.transcription`. */
  static forRoot(options: IngestModuleOptions): DynamicModule {
    return {
      module: IngestModule,
      imports: [MetricsModule, options.transcription],
      providers: [IngestConnections, AudioHookContinuations, TwilioIngestGateway, L16IngestGateway, AudioHookIngestGateway],
      exports: [IngestConnections],
    };
  }
}
