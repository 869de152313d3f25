import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

/**
 * Where calls and their numbered events are kept. The memory store is the default; durable
 * stores (SQLite, PostgreSQL) implement the same contract. Every answer is a promise so that a
 * networked store implements it as well as an embedded one. `append` must have kept the event
 * when its promise resolves, because the event is sent to clients right after.
 */
export interface CallEventStore {
  /** Records a new call before its first event; rejects when its id is taken. */
  createCall(call: CallInfo): Promise<void>;
  /** Records the call's next event (`seq` above the previous one). */
  append(event: CallEventMessage): Promise<void>;
  /** The call as it is now, with `lastSeq`, or `undefined` when unknown. */
  getCall(callId: string): Promise<CallInfo | undefined>;
  /** Every call the store holds in memory (live, or ended within the retention time), newest first. */
  listCalls(): Promise<CallInfo[]>;
  /** Events after `since`, or `undefined` when they cannot all be provided. */
  eventsSince(callId: string, since: number): Promise<CallEventMessage[] | undefined>;
  /** The call's current transcript, or `undefined` when unknown. */
  snapshot(callId: string): Promise<SnapshotMessage | undefined>;
  /** Forgets an ended call (memory only: durable stores keep their record). */
  evict(callId: string): void;
  /**
   * Cluster stores only: makes this instance the owner of an active call another instance owned
   * (telephony reconnected it here, or its owner died), fencing the former owner. With
   * `formerOwner`, only while that instance still owns it. Resolves the call with the last `seq`
   * any owner gave it, or `undefined` when it is not active or another instance won it.
   */
  takeOver?(callId: string, formerOwner?: string): Promise<CallInfo | undefined>;
}

/** Injection token of the {@link CallEventStore}. */
export const CALL_EVENT_STORE = Symbol('CALL_EVENT_STORE');
