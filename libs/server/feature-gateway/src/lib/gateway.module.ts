import { Module } from '@nestjs/common';
import { TranscriptionModule } from '@tnt/server/feature-transcription';
import { SOCKET_ERROR_CHANNEL, SocketExceptionFilter } from '@tnt/server/util-errors';
import { ConnectionRegistry } from './connection-registry';
import { GracefulShutdownService } from './graceful-shutdown.service';
import { TranscriptGateway } from './transcript.gateway';

/** The UI WebSocket gateway at `/ws`; its failures are answered by the shared `SocketExceptionFilter`. */
@Module({
  imports: [TranscriptionModule],
  providers: [
    ConnectionRegistry,
    { provide: SOCKET_ERROR_CHANNEL, useExisting: ConnectionRegistry },
    SocketExceptionFilter,
    TranscriptGateway,
    GracefulShutdownService,
  ],
  exports: [ConnectionRegistry, GracefulShutdownService],
})
export class GatewayModule {}
