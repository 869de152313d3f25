import { CALL_EVENT_KIND, CALL_INFO } from './call';
import { ERROR_CODE } from './error-codes';
import {
  array,
  boolean,
  discriminated,
  guard,
  integer,
  literal,
  number,
  object,
  optional,
  record,
  string,
  union,
  type Infer,
} from './schema';
import { INSIGHT } from './insight';
import { TRANSCRIPT_SEGMENT } from './transcript';

const SEQ = integer({ min: 0 });
const CORRELATION_ID = union([string(), number()], 'a string or a number');

/**
 * The first message on every connection: the protocol version, how often the client should
 * `ping`, and the connection's id (quote it when reporting a problem).
 */
export const CONNECTED_STATUS = object({
  type: literal('status'),
  status: literal('connected'),
  protocolVersion: integer({ min: 1 }),
  heartbeatIntervalMs: integer({ min: 1 }),
  connectionId: string({ min: 1 }),
  serverTime: optional(string()),
});

/** Precedes a server-initiated close (1001 on shutdown); `reason` is for people (`server shutting down`). */
export const DISCONNECTING_STATUS = object({
  type: literal('status'),
  status: literal('disconnecting'),
  reason: string(),
  serverTime: optional(string()),
});

/** Never sent by the server: a client's own state while it tries to connect again. */
export const RECONNECTING_STATUS = object({ type: literal('status'), status: literal('reconnecting'), reason: optional(string()) });

/** Never sent by the server: a client's own state when it is not connected and not trying. */
export const DISCONNECTED_STATUS = object({ type: literal('status'), status: literal('disconnected'), reason: optional(string()) });

/** Connection state, one variant per `status`: what each variant carries is fixed by its schema. */
export const STATUS_MESSAGE = discriminated('status', {
  connected: CONNECTED_STATUS,
  disconnecting: DISCONNECTING_STATUS,
  reconnecting: RECONNECTING_STATUS,
  disconnected: DISCONNECTED_STATUS,
});
/** Connection state, see {@link STATUS_MESSAGE}. */
export type StatusMessage = Infer<typeof STATUS_MESSAGE>;
/** The first message on every connection, see {@link CONNECTED_STATUS}. */
export type ConnectedStatusMessage = Infer<typeof CONNECTED_STATUS>;
/** The server is about to close the connection, see {@link DISCONNECTING_STATUS}. */
export type DisconnectingStatusMessage = Infer<typeof DISCONNECTING_STATUS>;
/** State of the connection as announced by the server (and mirrored by clients). */
export type ConnectionStatus = StatusMessage['status'];

/** A transcript segment of a call, interim or final; `seq` orders all events of the call. */
export const TRANSCRIPT_MESSAGE = object({ type: literal('transcript'), callId: string(), seq: SEQ, transcript: TRANSCRIPT_SEGMENT });
/** A transcript segment of a call, see {@link TRANSCRIPT_MESSAGE}. */
export type TranscriptMessage = Infer<typeof TRANSCRIPT_MESSAGE>;

/**
 * Something a server-side module noticed in a call (an alert, a metrics update …); numbered in the
 * call's `seq` like its transcripts, stored before it is sent, replayed with `since`.
 */
export const INSIGHT_MESSAGE = object({ type: literal('insight'), callId: string(), seq: SEQ, insight: INSIGHT });
/** An insight of a call, see {@link INSIGHT_MESSAGE}. */
export type InsightMessage = Infer<typeof INSIGHT_MESSAGE>;

/** A call started, changed or ended; `seq` orders all events of the call. */
export const CALL_MESSAGE = object({ type: literal('call'), event: CALL_EVENT_KIND, seq: SEQ, call: CALL_INFO });
/** A call started, changed or ended, see {@link CALL_MESSAGE}. */
export type CallMessage = Infer<typeof CALL_MESSAGE>;

/**
 * Something the client sent or asked for failed; the connection stays usable unless closed.
 * `callId` is the call the failed request named, when there was one.
 */
export const ERROR_MESSAGE = object({
  type: literal('error'),
  code: ERROR_CODE,
  message: string(),
  timestamp: string(),
  callId: optional(string()),
});
/** Something the client sent or asked for failed, see {@link ERROR_MESSAGE}. */
export type ErrorMessage = Infer<typeof ERROR_MESSAGE>;

/** Answer to a client `ping`, echoing its `id`. */
export const PONG_MESSAGE = object({ type: literal('pong'), id: optional(CORRELATION_ID), serverTime: string() });
/** Answer to a client `ping`, see {@link PONG_MESSAGE}. */
export type PongMessage = Infer<typeof PONG_MESSAGE>;

/**
 * Acknowledges a `subscribe`. For one call: `lastSeq` is the call's newest event; when `since`
 * was given, `recovered` says whether the missed events follow (`true`) or a `snapshot` follows
 * because the history could not fill the gap (`false`). For `'*'`: `calls` lists the calls held now;
 * when `since` named calls, `recoveredCalls` answers each of them that is still held the same way
 * (`true`: its missed events follow; `false`: its snapshot follows).
 */
export const SUBSCRIBED_MESSAGE = object({
  type: literal('subscribed'),
  callId: string(),
  lastSeq: optional(SEQ),
  recovered: optional(boolean()),
  calls: optional(array(CALL_INFO)),
  recoveredCalls: optional(record(boolean())),
});
/** Acknowledges a `subscribe`, see {@link SUBSCRIBED_MESSAGE}. */
export type SubscribedMessage = Infer<typeof SUBSCRIBED_MESSAGE>;

/** Acknowledges an `unsubscribe`. */
export const UNSUBSCRIBED_MESSAGE = object({ type: literal('unsubscribed'), callId: string() });
/** Acknowledges an `unsubscribe`, see {@link UNSUBSCRIBED_MESSAGE}. */
export type UnsubscribedMessage = Infer<typeof UNSUBSCRIBED_MESSAGE>;

/**
 * The whole current state of a call: every final segment in order plus the interim segments
 * still open, and every insight of the call in order (absent from servers before insights).
 * Events with `seq` greater than this message's `seq` follow live.
 */
export const SNAPSHOT_MESSAGE = object({
  type: literal('snapshot'),
  callId: string(),
  seq: SEQ,
  call: CALL_INFO,
  transcript: array(TRANSCRIPT_SEGMENT),
  insights: optional(array(INSIGHT)),
});
/** The whole current state of a call, see {@link SNAPSHOT_MESSAGE}. */
export type SnapshotMessage = Infer<typeof SNAPSHOT_MESSAGE>;

/** Every server message by its `type`. */
export const SERVER_MESSAGE_SCHEMAS = {
  status: STATUS_MESSAGE,
  transcript: TRANSCRIPT_MESSAGE,
  call: CALL_MESSAGE,
  insight: INSIGHT_MESSAGE,
  error: ERROR_MESSAGE,
  pong: PONG_MESSAGE,
  subscribed: SUBSCRIBED_MESSAGE,
  unsubscribed: UNSUBSCRIBED_MESSAGE,
  snapshot: SNAPSHOT_MESSAGE,
} as const;

/** Every message the server sends on the UI socket. */
export const SERVER_MESSAGE = discriminated('type', SERVER_MESSAGE_SCHEMAS);
/** Every message the server sends on the UI socket. */
export type ServerMessage = Infer<typeof SERVER_MESSAGE>;

/** Events that belong to one call and carry its `seq`. */
export const CALL_EVENT_MESSAGE = discriminated('type', { transcript: TRANSCRIPT_MESSAGE, call: CALL_MESSAGE, insight: INSIGHT_MESSAGE });
/** Events that belong to one call and carry its `seq`. */
export type CallEventMessage = Infer<typeof CALL_EVENT_MESSAGE>;

/** The `type` of every server message. */
export type ServerMessageType = ServerMessage['type'];

/** True for a well-formed `status` message. */
export const isStatusMessage = guard(STATUS_MESSAGE);
/** True for a well-formed `transcript` message. */
export const isTranscriptMessage = guard(TRANSCRIPT_MESSAGE);
/** True for a well-formed `call` message. */
export const isCallMessage = guard(CALL_MESSAGE);
/** True for a well-formed `insight` message. */
export const isInsightMessage = guard(INSIGHT_MESSAGE);
/** True for a well-formed `error` message. */
export const isErrorMessage = guard(ERROR_MESSAGE);
/** True for a well-formed `pong` message. */
export const isPongMessage = guard(PONG_MESSAGE);
/** True for a well-formed `subscribed` message. */
export const isSubscribedMessage = guard(SUBSCRIBED_MESSAGE);
/** True for a well-formed `unsubscribed` message. */
export const isUnsubscribedMessage = guard(UNSUBSCRIBED_MESSAGE);
/** True for a well-formed `snapshot` message. */
export const isSnapshotMessage = guard(SNAPSHOT_MESSAGE);
/** True for events that carry a call's `seq` (`transcript`, `call` and `insight`). */
export const isCallEventMessage = guard(CALL_EVENT_MESSAGE);
/** True for any well-formed server message. */
export const isServerMessage = guard(SERVER_MESSAGE);

/** The call id a call event belongs to. */
export function callIdOf(message: CallEventMessage): string {
  return message.type === 'call' ? message.call.id : message.callId;
}
