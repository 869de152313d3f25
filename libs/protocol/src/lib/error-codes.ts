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
} as const;

/** A stable error code, see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** True when `value` is one of {@link ERROR_CODES}. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}
