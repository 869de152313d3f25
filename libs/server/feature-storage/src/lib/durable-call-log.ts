import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

/** A value now (an embedded database) or later (a networked one). */
export type Answer<T> = T | Promise<T>;

/**
 * What a durable store must offer behind the memory ring: SQLite's `SqliteCallLog` implements it
 * and answers at once. `append` must have committed the event when it returns (or resolves).
 */
export interface DurableCallLog {
  createCall(call: CallInfo): Answer<void>;
  append(event: CallEventMessage): Answer<void>;
  getCall(callId: string): Answer<CallInfo | undefined>;
  /** Stored events after `since` (call events and final segments), or `undefined` outside `0..lastSeq`. */
  eventsAfter(callId: string, since: number): Answer<CallEventMessage[] | undefined>;
  snapshot(callId: string): Answer<SnapshotMessage | undefined>;
}
