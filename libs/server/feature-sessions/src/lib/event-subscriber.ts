import type { CallEventMessage, CallInfo } from '@tnt/protocol';

/** Someone who receives call events: a UI connection, a test probe, a bridge to another system. */
export interface EventSubscriber {
  /** Stable id for logs. */
  readonly id: string;
  /** Whether this subscriber may see `call` at all (role checks go here). */
  canSee(call: CallInfo): boolean;
  /** Hands over one event; `json` is the event already serialised (shared by all subscribers). */
  deliver(json: string, event: CallEventMessage): void;
}
