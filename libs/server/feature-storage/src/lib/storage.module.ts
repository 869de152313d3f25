import { Global, Module } from '@nestjs/common';
import { CALL_EVENT_STORE, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';

/** Provides the {@link CALL_EVENT_STORE} every other module uses, chosen by configuration. */
@Global()
@Module({
  providers: [
    {
      provide: CALL_EVENT_STORE,
      inject: [TNT_CONFIG],
      useFactory: (config: TntConfig) => new MemoryCallEventStore(config.historySize),
    },
  ],
  exports: [CALL_EVENT_STORE],
})
export class StorageModule {}
