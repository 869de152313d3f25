import type { CallEventMessage, CallInfo } from '@tnt/protocol';

/**
 * Receives every published event, with its JSON made once for all subscribers. `call` is the call's
 * details as of the event when the bus knows them (a cluster's feed does, for a call first seen
 * mid-way); a local bus leaves it out, as every call's first event reaches it.
 */
export type CallEventHandler = (event: CallEventMessage, json: string, call?: CallInfo) => void;

/**
 * Fan-out of call events to every gateway instance. The local bus serves one process; a
 * multi-instance bus (Redis Streams) implements the same contract.
 */
export interface CallEventBus {
  /**
   * Sends an already stored event to every handler (of every instance); resolves once the bus has
   * taken it. A call's events are published in `seq` order, the next one possibly before the one
   * before it has resolved: the bus keeps them in the order `publish` was called.
   */
  publish(event: CallEventMessage): Promise<void>;
  /** Adds a handler; returns a function that removes it. */
  onEvent(handler: CallEventHandler): () => void;
}

/** Injection token of the {@link CallEventBus}. */
export const CALL_EVENT_BUS = Symbol('CALL_EVENT_BUS');

/** In-process bus: serialises each event once and calls the handlers synchronously, in order. */
export class LocalCallEventBus implements CallEventBus {
  private readonly handlers = new Set<CallEventHandler>();

  publish(event: CallEventMessage): Promise<void> {
    const json = JSON.stringify(event);
    for (const handler of this.handlers) handler(event, json);
    return Promise.resolve();
  }

  onEvent(handler: CallEventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
}
