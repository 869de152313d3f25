import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tnt/server/feature-auth';
import { DemoModule } from '@tnt/server/feature-demo';
import { GatewayModule } from '@tnt/server/feature-gateway';
import { HistoryModule } from '@tnt/server/feature-history';
import { IngestModule } from '@tnt/server/feature-ingest';
import { ObservabilityModule } from '@tnt/server/feature-observability';
import { StorageModule } from '@tnt/server/feature-storage';
import { ConfigModule, type TntConfig } from '@tnt/server/util-config';

/**
 * The whole TnT server. Teams extend it by importing it next to their own modules:
 * `@Module({ imports: [TntServerModule.forRoot(config), RedactionModule] })`.
 */
@Module({})
export class TntServerModule {
  /** The server configured by `config` (see `loadConfig`). */
  static forRoot(config: TntConfig): DynamicModule {
    return { module: TntServerModule, imports: [ConfigModule.forRoot(config), AuthModule, StorageModule, HistoryModule, GatewayModule, IngestModule, ObservabilityModule, DemoModule] };
  }
}
