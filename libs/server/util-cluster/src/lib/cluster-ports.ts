import type { CallEventMessage, CallInfo, SnapshotMessage } from '@tnt/protocol';

/**
 * The durable log shared by every instance of a cluster (PostgreSQL). Each instance opens it with
 * its own `instanceId`, and every write is fenced by it: a call's row names its owner, and only the
 * owner's writes are kept. Finals and call events are committed here before they go on the stream.
 */
export interface ClusterCallLog {
  /** This instance, as named in the `owner` of the calls it creates or takes over. */
  readonly instanceId: string;
  /** Records a new call owned by this instance; rejects with `CallAlreadyStored` when the id is taken. */
  createCall(call: CallInfo): Promise<void>;
  /**
   * Commits a call event or a final segment; an interim segment is not kept and resolves at once.
   * Rejects with `CallOwnershipLost` when this instance does not own the call, and with an error
   * when `seq` is not above the stored last seq. The call's `last_seq` moves only forward.
   */
  append(event: CallEventMessage): Promise<void>;
  /** The stored call with `lastSeq` (of its stored events) and its owner, or `undefined`. */
  getCall(callId: string): Promise<OwnedCall | undefined>;
  /**
   * Stored events with `since < seq < until` (all after `since` when `until` is absent), oldest first;
   * `undefined` when the call is unknown or `since` is outside `0..lastSeq`.
   */
  eventsAfter(callId: string, since: number, until?: number): Promise<CallEventMessage[] | undefined>;
  /** The stored call with every final segment, or `undefined`. */
  snapshot(callId: string): Promise<SnapshotMessage | undefined>;
  /**
   * Makes this instance the owner of an active call. With `expectedOwner`, only while that instance
   * still owns it, so that of several survivors reaping a dead instance exactly one wins. Resolves
   * the call as stored (with `lastSeq`), or `undefined` when it is not active or another won.
   */
  takeOver(callId: string, expectedOwner?: string): Promise<OwnedCall | undefined>;
  /** Every active call with its owner, newest first: the start-up view and the reaper's input. */
  activeCalls(): Promise<OwnedCall[]>;
}

/** A stored call and the instance that owns it. */
export interface OwnedCall {
  readonly call: CallInfo & { lastSeq: number };
  readonly owner: string;
}

/**
 * The event stream every instance of a cluster reads (Redis Streams): one firehose of every call's
 * events, appended by each call's owner and fenced the same way as the log.
 */
export interface ClusterEventStream {
  readonly instanceId: string;
  /**
   * Appends an event of a call this instance owns. Resolves once it is on the stream, or queued
   * while the stream is unreachable (the queue is bounded per call; superseded interims go first,
   * and readers fill any hole from the log). Rejects with `CallOwnershipLost` when fenced.
   */
  publish(event: CallEventMessage): Promise<void>;
  /** Makes this instance the call's owner on the stream; resolves the last seq any owner appended (0: none). */
  claim(callId: string): Promise<number>;
  /** This instance will append nothing more for the call (it ended or moved): forget what is kept for it. */
  release(callId: string): void;
  /**
   * Receives every entry appended from the moment `start` read the stream's last id, in stream
   * order, with its JSON as appended; returns a function that removes the handler.
   */
  onEvent(handler: (event: CallEventMessage, json: string) => void): () => void;
  /** Starts reading (and, for the owner, flushing queued appends); resolves once the start position is read. */
  start(): Promise<void>;
  /** Stops reading and closes the connections. */
  close(): Promise<void>;
  /** False while the stream cannot be reached (readiness). */
  readonly reachable: boolean;
}

/** Which instances are alive: each renews a key with a time to live. */
export interface InstanceLiveness {
  readonly instanceId: string;
  /** Writes this instance's key and keeps renewing it. */
  start(): Promise<void>;
  /** True while `instanceId`'s key has not expired. */
  isAlive(instanceId: string): Promise<boolean>;
  /** Stops renewing and deletes this instance's key (a graceful stop). */
  stop(): Promise<void>;
}
