/** Application-level heartbeat; answered by `pong` with the same `id`. */
export interface PingMessage {
  type: 'ping';
  id?: string | number;
}

/**
 * Start receiving a call's events (or every permitted call's, with `'*'`). With `since`, the
 * server first replays the call's events after that `seq`, or says `recovered: false` and sends
 * a snapshot. For one call `since` is a number; for `'*'` it maps call ids to the last `seq` the
 * client holds of each ({@link AllCallsPositions}), and the server answers each call the same way.
 */
export interface SubscribeMessage {
  type: 'subscribe';
  callId: string;
  since?: number | AllCallsPositions;
}

/** For `subscribe '*'` after a reconnect: the last `seq` the client holds of each call it knows. */
export type AllCallsPositions = Record<string, number>;

/**
 * The most calls one `subscribe '*'` may name in `since`; a client that knows more sends the newest.
 * Bounds the work one message can ask of the server.
 */
export const MAX_ALL_CALLS_POSITIONS = 1_000;

/** Stop receiving a call's events (or the `'*'` feed). */
export interface UnsubscribeMessage {
  type: 'unsubscribe';
  callId: string;
}

/** Every message a client may send on the UI socket. */
export type ClientMessage = PingMessage | SubscribeMessage | UnsubscribeMessage;

/** The `type` of every client message. */
export type ClientMessageType = ClientMessage['type'];

/** Every client message type, for routing and validation. */
export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = ['ping', 'subscribe', 'unsubscribe'];

/** True when `value` names a client message type. */
export function isClientMessageType(value: unknown): value is ClientMessageType {
  return typeof value === 'string' && (CLIENT_MESSAGE_TYPES as readonly string[]).includes(value);
}
