import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

/**
 * What a durable store must offer behind the memory ring: SQLite's `SqliteCallLog` implements it,
 * and a PostgreSQL log would too. `append` must have committed the event when it returns.
 */
export interface DurableCallLog {
  createCall(call: CallInfo): void;
  append(event: CallEventMessage): void;
  getCall(callId: string): CallInfo | undefined;
  /** Stored events after `since` (call events and final segments), or `undefined` outside `0..lastSeq`. */
  eventsAfter(callId: string, since: number): CallEventMessage[] | undefined;
  snapshot(callId: string): SnapshotMessage | undefined;
}
