import { Module, type DynamicModule } from '@nestjs/common';
import { SOCKET_ERROR_CHANNEL, SocketExceptionFilter } from '@tnt/server/util-errors';
import { MetricsModule } from '@tnt/server/util-metrics';
import { ConnectionRegistry } from './connection-registry';
import { TranscriptGateway } from './transcript.gateway';

/** What the UI socket runs on. */
export interface GatewayModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) that clients subscribe to. */
  readonly sessions: DynamicModule;
}

/**
 * The UI WebSocket gateway at `/ws`. Who may connect is checked at the upgrade (see
 * `guardedSocketOptions` in the auth library), before this gateway sees the socket. Its failures
 * are answered by the shared `SocketExceptionFilter`, which reaches clients through the registry.
 */
@Module({})
export class GatewayModule {
  /** The UI socket over `options.sessions`. */
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [MetricsModule, options.sessions],
      providers: [
        ConnectionRegistry,
        { provide: SOCKET_ERROR_CHANNEL, useExisting: ConnectionRegistry },
        SocketExceptionFilter,
        TranscriptGateway,
      ],
      exports: [ConnectionRegistry],
    };
  }
}
