import { isCallInfo, type CallEventKind, type CallInfo } from './call';
import type { ErrorCode } from './error-codes';
import { isTranscriptSegment, type TranscriptSegment } from './transcript';

/** State of the connection as announced by the server (and mirrored by clients). */
export type ConnectionStatus = 'connected' | 'disconnected' | 'reconnecting' | 'disconnecting';

/**
 * Connection state. The first message on every connection is `status: connected` with
 * `protocolVersion`, `heartbeatIntervalMs` and `connectionId`; `disconnecting` precedes a
 * server-initiated close (close code 1001 on shutdown).
 */
export interface StatusMessage {
  type: 'status';
  status: ConnectionStatus;
  callId?: string;
  protocolVersion?: number;
  heartbeatIntervalMs?: number;
  connectionId?: string;
  serverTime?: string;
  /** Why the status changed, for people (e.g. `server shutting down`). */
  reason?: string;
}

/** A transcript segment of a call, interim or final; `seq` orders all events of the call. */
export interface TranscriptMessage {
  type: 'transcript';
  callId: string;
  seq: number;
  transcript: TranscriptSegment;
}

/** A call started, changed or ended; `seq` orders all events of the call. */
export interface CallMessage {
  type: 'call';
  event: CallEventKind;
  seq: number;
  call: CallInfo;
}

/** Something the client sent or asked for failed; the connection stays usable unless closed. */
export interface ErrorMessage {
  type: 'error';
  code: ErrorCode;
  message: string;
  timestamp: string;
  /** The call the failed request named, when there was one. */
  callId?: string;
}

/** Answer to a client `ping`, echoing its `id`. */
export interface PongMessage {
  type: 'pong';
  id?: string | number;
  serverTime: string;
}

/**
 * Acknowledges a `subscribe`. For one call: `lastSeq` is the call's newest event; when `since`
 * was given, `recovered` says whether the missed events follow (`true`) or a `snapshot` follows
 * because the history could not fill the gap (`false`). For `'*'`: `calls` lists the calls held now;
 * when `since` named calls, `recoveredCalls` answers each of them that is still held the same way
 * (`true`: its missed events follow; `false`: its snapshot follows).
 */
export interface SubscribedMessage {
  type: 'subscribed';
  callId: string;
  lastSeq?: number;
  recovered?: boolean;
  calls?: CallInfo[];
  recoveredCalls?: Record<string, boolean>;
}

/** Acknowledges an `unsubscribe`. */
export interface UnsubscribedMessage {
  type: 'unsubscribed';
  callId: string;
}

/**
 * The whole current state of a call: every final segment in order plus the interim segments
 * still open. Events with `seq` greater than this message's `seq` follow live.
 */
export interface SnapshotMessage {
  type: 'snapshot';
  callId: string;
  seq: number;
  call: CallInfo;
  transcript: TranscriptSegment[];
}

/** Events that belong to one call and carry its `seq`. */
export type CallEventMessage = TranscriptMessage | CallMessage;

/** Every message the server sends on the UI socket. */
export type ServerMessage =
  | StatusMessage
  | TranscriptMessage
  | CallMessage
  | ErrorMessage
  | PongMessage
  | SubscribedMessage
  | UnsubscribedMessage
  | SnapshotMessage;

/** The `type` of every server message. */
export type ServerMessageType = ServerMessage['type'];

function hasType(value: unknown, type: ServerMessageType): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type;
}

/** True for a well-formed `status` message. */
export function isStatusMessage(value: unknown): value is StatusMessage {
  return hasType(value, 'status') && typeof value['status'] === 'string';
}

/** True for a well-formed `transcript` message. */
export function isTranscriptMessage(value: unknown): value is TranscriptMessage {
  return (
    hasType(value, 'transcript') &&
    typeof value['callId'] === 'string' &&
    typeof value['seq'] === 'number' &&
    isTranscriptSegment(value['transcript'])
  );
}

/** True for a well-formed `call` message. */
export function isCallMessage(value: unknown): value is CallMessage {
  return hasType(value, 'call') && typeof value['seq'] === 'number' && isCallInfo(value['call']);
}

/** True for a well-formed `error` message. */
export function isErrorMessage(value: unknown): value is ErrorMessage {
  return hasType(value, 'error') && typeof value['code'] === 'string' && typeof value['message'] === 'string';
}

/** True for a well-formed `pong` message. */
export function isPongMessage(value: unknown): value is PongMessage {
  return hasType(value, 'pong') && typeof value['serverTime'] === 'string';
}

/** True for a well-formed `subscribed` message. */
export function isSubscribedMessage(value: unknown): value is SubscribedMessage {
  return hasType(value, 'subscribed') && typeof value['callId'] === 'string';
}

/** True for a well-formed `unsubscribed` message. */
export function isUnsubscribedMessage(value: unknown): value is UnsubscribedMessage {
  return hasType(value, 'unsubscribed') && typeof value['callId'] === 'string';
}

/** True for a well-formed `snapshot` message. */
export function isSnapshotMessage(value: unknown): value is SnapshotMessage {
  return (
    hasType(value, 'snapshot') &&
    typeof value['seq'] === 'number' &&
    isCallInfo(value['call']) &&
    Array.isArray(value['transcript'])
  );
}

/** True for events that carry a call's `seq` (`transcript` and `call`). */
export function isCallEventMessage(value: unknown): value is CallEventMessage {
  return isTranscriptMessage(value) || isCallMessage(value);
}

const SERVER_MESSAGE_GUARDS: Record<ServerMessageType, (value: unknown) => boolean> = {
  status: isStatusMessage,
  transcript: isTranscriptMessage,
  call: isCallMessage,
  error: isErrorMessage,
  pong: isPongMessage,
  subscribed: isSubscribedMessage,
  unsubscribed: isUnsubscribedMessage,
  snapshot: isSnapshotMessage,
};

/** True for any well-formed server message. */
export function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(SERVER_MESSAGE_GUARDS, type)
    ? SERVER_MESSAGE_GUARDS[type as ServerMessageType](value)
    : false;
}

/** The call id a call event belongs to. */
export function callIdOf(message: CallEventMessage): string {
  return message.type === 'call' ? message.call.id : message.callId;
}
