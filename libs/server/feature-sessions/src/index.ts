export { type CallEventBus, type CallEventHandler, LocalCallEventBus } from './lib/call-event-bus';
export { type CallEventStore } from './lib/call-event-store';
export { CallAlreadyEnded, CallConflict, StoreUnavailable } from './lib/call-session-errors';
export { CallSessionService, type StartCallInput, type SubscriptionStart } from './lib/call-session.service';
export { type EventSubscriber } from './lib/event-subscriber';
export { MemoryCallEventStore } from './lib/memory-call-event-store';
export { type AdapterProvider, SessionsModule, type SessionsModuleOptions } from './lib/sessions.module';
