import { Module } from '@nestjs/common';
import { CALL_EVENT_BUS, LocalCallEventBus } from './call-event-bus';
import { CallSessionService } from './call-session.service';

/**
 * Call sessions over the in-process bus. The `CALL_EVENT_STORE` comes from the application's
 * storage module (memory or durable); a multi-instance bus replaces the `CALL_EVENT_BUS` provider.
 */
@Module({
  providers: [{ provide: CALL_EVENT_BUS, useClass: LocalCallEventBus }, CallSessionService],
  exports: [CallSessionService],
})
export class SessionsModule {}
