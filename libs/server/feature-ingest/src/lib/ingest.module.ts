import { Module } from '@nestjs/common';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { IngestConnections } from './ingest-connections';
import { L16IngestGateway, TwilioIngestGateway } from './ingest.gateways';

/** Call audio in: `/ingest/twilio` and `/ingest/l16` on the gateway's port. */
@Module({
  imports: [TranscriptionModule],
  providers: [IngestConnections, TwilioIngestGateway, L16IngestGateway],
  exports: [IngestConnections],
})
export class IngestModule {}
