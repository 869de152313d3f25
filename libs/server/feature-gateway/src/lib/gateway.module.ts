import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { ConnectionRegistry } from './connection-registry';
import { ProtocolExceptionFilter } from './protocol-exception.filter';
import { TranscriptGateway } from './transcript.gateway';

/** What the UI socket runs on. */
export interface GatewayModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) that clients subscribe to. */
  readonly sessions: DynamicModule;
}

/**
 * The UI WebSocket gateway at `/ws`. Who may connect is checked at the upgrade (see
 * `guardedSocketOptions` in the auth library), before this gateway sees the socket.
 */
@Module({})
export class GatewayModule {
  /** The UI socket over `options.sessions`. */
  static forRoot(options: GatewayModuleOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [MetricsModule, options.sessions],
      providers: [ConnectionRegistry, ProtocolExceptionFilter, TranscriptGateway],
      exports: [ConnectionRegistry],
    };
  }
}
