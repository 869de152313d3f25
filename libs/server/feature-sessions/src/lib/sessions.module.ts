import { Module } from '@nestjs/common';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { CALL_EVENT_BUS, LocalCallEventBus } from './call-event-bus';
import { CALL_EVENT_STORE } from './call-event-store';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';

/**
 * Call sessions with the in-memory store and the in-process bus. Durable stores and the
 * multi-instance bus replace the `CALL_EVENT_STORE` / `CALL_EVENT_BUS` providers.
 */
@Module({
  providers: [
    {
      provide: CALL_EVENT_STORE,
      inject: [TNT_CONFIG],
      useFactory: (config: TntConfig) => new MemoryCallEventStore(config.historySize),
    },
    { provide: CALL_EVENT_BUS, useClass: LocalCallEventBus },
    CallSessionService,
  ],
  exports: [CallSessionService],
})
export class SessionsModule {}
