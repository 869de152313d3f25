import { Module } from '@nestjs/common';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { ConnectionRegistry } from './connection-registry';
import { GracefulShutdownService } from './graceful-shutdown.service';
import { ProtocolExceptionFilter } from './protocol-exception.filter';
import { TranscriptGateway } from './transcript.gateway';

/** The UI WebSocket gateway at `/ws`. */
@Module({
  imports: [TranscriptionModule],
  providers: [ConnectionRegistry, ProtocolExceptionFilter, TranscriptGateway, GracefulShutdownService],
  exports: [ConnectionRegistry, GracefulShutdownService],
})
export class GatewayModule {}
