import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

/**
 * Where calls and their numbered events are kept. The memory store is the default; durable
 * stores (SQLite, PostgreSQL) implement the same contract. `append` must have kept the event
 * before it returns, because the event is sent to clients right after.
 */
export interface CallEventStore {
  /** Records a new call before its first event. */
  createCall(call: CallInfo): void;
  /** Records the call's next event (`seq` = previous + 1). */
  append(event: CallEventMessage): void;
  /** The call as it is now, with `lastSeq`, or `undefined` when unknown. */
  getCall(callId: string): CallInfo | undefined;
  /** Every call the store holds in memory, newest first. */
  listCalls(): CallInfo[];
  /** Events after `since`, or `undefined` when they cannot all be provided. */
  eventsSince(callId: string, since: number): CallEventMessage[] | undefined;
  /** The call's current transcript, or `undefined` when unknown. */
  snapshot(callId: string): SnapshotMessage | undefined;
  /** Forgets an ended call (memory only: durable stores keep their record). */
  evict(callId: string): void;
}

/** Injection token of the {@link CallEventStore}. */
export const CALL_EVENT_STORE = Symbol('CALL_EVENT_STORE');
