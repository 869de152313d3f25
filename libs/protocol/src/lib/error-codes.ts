/**
 * Every error code a client can receive in an `error` message. Codes are stable: clients may
 * branch on them; the human-readable `message` beside them may change.
 */
export const ERROR_CODES = {
  /** The text frame is not valid JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** The JSON is not an object with a string `type`. */
  INVALID_MESSAGE: 'INVALID_MESSAGE',
  /** The `type` names no client message this server understands. */
  UNKNOWN_MESSAGE_TYPE: 'UNKNOWN_MESSAGE_TYPE',
  /** A field is missing, of the wrong type or out of range; `message` names it. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** A binary frame arrived on the UI socket, which speaks JSON text only. */
  BINARY_NOT_SUPPORTED: 'BINARY_NOT_SUPPORTED',
  /** The frame is larger than the server's limit; the connection is closed with 1009. */
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  /** The call is unknown or no longer held by the server. */
  CALL_NOT_FOUND: 'CALL_NOT_FOUND',
  /** `unsubscribe` named something this connection is not subscribed to. */
  NOT_SUBSCRIBED: 'NOT_SUBSCRIBED',
  /** The client read too slowly and its queue overflowed; closed with 1013, resume with `since`. */
  SLOW_CONSUMER: 'SLOW_CONSUMER',
  /** The server failed while handling the message; it has been logged with this connection's id. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  /** 401: no credentials, or credentials that are not valid. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** 401: the token has expired; log in again (the UI socket is then closed with 1008). */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** 403: the role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** 403: a page from an origin that is not allowed. */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** 503: the identity provider could not be reached. */
  AUTH_UNAVAILABLE: 'AUTH_UNAVAILABLE',
  /** The connection sent messages faster than allowed; the message was dropped. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The connection holds the most subscriptions it may. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** 429: the user or address holds the most connections it may. */
  TOO_MANY_CONNECTIONS: 'TOO_MANY_CONNECTIONS',
  /** The JSON nests deeper than allowed. */
  JSON_TOO_DEEP: 'JSON_TOO_DEEP',
  /** 503 from the history API: this gateway keeps no history (`TNT_STORE=memory`). */
  HISTORY_UNAVAILABLE: 'HISTORY_UNAVAILABLE',
} as const;

/** A stable error code, see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** True when `value` is one of {@link ERROR_CODES}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
