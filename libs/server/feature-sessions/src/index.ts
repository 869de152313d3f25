export { type CallEventBus, type CallEventHandler, LocalCallEventBus } from './lib/call-event-bus';
export { type CallEventStore } from './lib/call-event-store';
export { CallAlreadyEnded, CallConflict, StoreUnavailable } from './lib/call-session-errors';
export { type CallLossReason, CallSessionService, type StartCallInput, type SubscriptionStart } from './lib/call-session.service';
export { DEFAULT_STORE_RETRY, type SessionTimers, STORE_RETRY, type StoreRetry } from './lib/store-outage';
export { type EventSubscriber } from './lib/event-subscriber';
export { MemoryCallEventStore } from './lib/memory-call-event-store';
export { type AdapterProvider, SessionsModule, type SessionsModuleOptions } from './lib/sessions.module';
