import { CALL_ID, SUBSCRIPTION_TARGET } from './call-id';
import { ALL_CALLS } from './protocol-version';
import { discriminated, guard, integer, literal, number, object, optional, record, refine, string, union, type Infer } from './schema';

/** A `seq` the client holds: a whole number from 0 up. */
const SEQ = integer({ min: 0, max: Number.MAX_SAFE_INTEGER });

/**
 * The most calls one `subscribe '*'` may name in `since`; a client that knows more sends the newest.
 * Bounds the work one message can ask of the server.
 */
export const MAX_ALL_CALLS_POSITIONS = 1_000;

/** Application-level heartbeat; answered by `pong` with the same `id`. */
export const PING_MESSAGE = object({
  type: literal('ping'),
  id: optional(union([string({ max: 128 }), number()], 'a string (at most 128 characters) or a number')),
});
/** Application-level heartbeat, see {@link PING_MESSAGE}. */
export type PingMessage = Infer<typeof PING_MESSAGE>;

/** For `subscribe '*'` after a reconnect: the last `seq` the client holds of each call it knows. */
export const ALL_CALLS_POSITIONS = record(SEQ, { key: CALL_ID, maxEntries: MAX_ALL_CALLS_POSITIONS });
/** For `subscribe '*'` after a reconnect: call id → last `seq` held, see {@link ALL_CALLS_POSITIONS}. */
export type AllCallsPositions = Infer<typeof ALL_CALLS_POSITIONS>;

/**
 * Start receiving a call's events (or every permitted call's, with `'*'`). With `since`, the
 * server first replays the call's events after that `seq`, or says `recovered: false` and sends
 * a snapshot. For one call `since` is a number; for `'*'` it may map call ids to the last `seq` the
 * client holds of each ({@link AllCallsPositions}), and the server answers each call the same way.
 */
export const SUBSCRIBE_MESSAGE = refine(
  refine(
    object({
      type: literal('subscribe'),
      callId: SUBSCRIPTION_TARGET,
      since: optional(union([SEQ, ALL_CALLS_POSITIONS], `${SEQ.rule}, or for callId "${ALL_CALLS}" ${ALL_CALLS_POSITIONS.rule}`)),
    }),
    (message) => typeof message.since !== 'object' || message.callId === ALL_CALLS,
    { field: 'since', rule: `${SEQ.rule} unless callId is "${ALL_CALLS}" (a map of positions is only for every call)` },
  ),
  (message) => typeof message.since !== 'number' || message.callId !== ALL_CALLS,
  { field: 'since', rule: `for callId "${ALL_CALLS}" ${ALL_CALLS_POSITIONS.rule}` },
);
/** Start receiving a call's events, see {@link SUBSCRIBE_MESSAGE}. */
export type SubscribeMessage = Infer<typeof SUBSCRIBE_MESSAGE>;

/** Stop receiving a call's events (or the `'*'` feed). */
export const UNSUBSCRIBE_MESSAGE = object({ type: literal('unsubscribe'), callId: SUBSCRIPTION_TARGET });
/** Stop receiving a call's events, see {@link UNSUBSCRIBE_MESSAGE}. */
export type UnsubscribeMessage = Infer<typeof UNSUBSCRIBE_MESSAGE>;

/** Every client message by its `type`: the one table the UI socket validates against. */
export const CLIENT_MESSAGE_SCHEMAS = {
  ping: PING_MESSAGE,
  subscribe: SUBSCRIBE_MESSAGE,
  unsubscribe: UNSUBSCRIBE_MESSAGE,
} as const;

/** Every message a client may send on the UI socket. */
export const CLIENT_MESSAGE = discriminated('type', CLIENT_MESSAGE_SCHEMAS);
/** Every message a client may send on the UI socket. */
export type ClientMessage = Infer<typeof CLIENT_MESSAGE>;

/** The `type` of every client message. */
export type ClientMessageType = ClientMessage['type'];

/** Every client message type, for routing and validation. */
export const CLIENT_MESSAGE_TYPES = Object.keys(CLIENT_MESSAGE_SCHEMAS) as readonly ClientMessageType[];

/** True when `value` names a client message type. */
export function isClientMessageType(value: unknown): value is ClientMessageType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CLIENT_MESSAGE_SCHEMAS, value);
}

/** True for a well-formed client message. */
export const isClientMessage = guard(CLIENT_MESSAGE);
