import { CLOSE_CODES, type CloseCode } from './close-codes';
import { guard, oneOf, type Schema } from './schema';

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
  /** 503: what a credential is checked against could not be reached (the identity provider; a cluster's AudioHook nonce store). */
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
  /** Ingest: a text frame is not valid JSON (close 1003). */
  INGEST_MALFORMED_JSON: 'INGEST_MALFORMED_JSON',
  /** Ingest: a message lacks a field, has one of the wrong type, or nests too deep; the close reason names the field (1008). */
  INGEST_INVALID_MESSAGE: 'INGEST_INVALID_MESSAGE',
  /** Ingest: audio (or a binary frame) arrived before the start / metadata frame (1008). */
  INGEST_MEDIA_BEFORE_START: 'INGEST_MEDIA_BEFORE_START',
  /** Ingest: a second start / metadata frame on the same connection (1008). */
  INGEST_DUPLICATE_START: 'INGEST_DUPLICATE_START',
  /** Ingest: a media payload is not valid base64 (1003). */
  INGEST_INVALID_BASE64: 'INGEST_INVALID_BASE64',
  /** Ingest: a binary L16 frame has an odd number of bytes, so not whole 16-bit samples (1003). */
  INGEST_ODD_BYTE_COUNT: 'INGEST_ODD_BYTE_COUNT',
  /** Ingest: an audio encoding or channel layout the endpoint does not take (1003). */
  INGEST_UNSUPPORTED_ENCODING: 'INGEST_UNSUPPORTED_ENCODING',
  /** Ingest: a sample rate the endpoint does not take (1003). */
  INGEST_UNSUPPORTED_RATE: 'INGEST_UNSUPPORTED_RATE',
  /** Ingest: a binary frame where the endpoint expects JSON text, or the reverse (1008). */
  INGEST_UNEXPECTED_FRAME: 'INGEST_UNEXPECTED_FRAME',
  /** Ingest: the call id breaks the call-id rule (`CALL_ID_RULE`), refused at the start frame (1008). */
  INGEST_INVALID_CALL_ID: 'INGEST_INVALID_CALL_ID',
  /** Ingest: the call id is already live (or known) on this server (1008). */
  INGEST_CALL_CONFLICT: 'INGEST_CALL_CONFLICT',
  /** Ingest: the server is shutting down and takes no new call (1001). */
  INGEST_UNAVAILABLE: 'INGEST_UNAVAILABLE',
  /** Ingest: the speech-to-text engine could not open a speaker's stream; the call was ended (1011). */
  INGEST_ENGINE_UNAVAILABLE: 'INGEST_ENGINE_UNAVAILABLE',
  /**
   * Ingest: the call store (PostgreSQL in a cluster) cannot be reached or could not keep the call's start,
   * so the call was refused and nothing is left active; retry later or on another instance (1013).
   */
  INGEST_STORE_UNAVAILABLE: 'INGEST_STORE_UNAVAILABLE',
  /**
   * Ingest: speech-to-text on this instance is at its measured capacity, so the call was refused at
   * its start frame and nothing was kept; place it on another instance or retry later (1013).
   */
  INGEST_AT_CAPACITY: 'INGEST_AT_CAPACITY',
  /** Ingest: the server failed while handling the stream; details are in its log (1011). */
  INGEST_INTERNAL_ERROR: 'INGEST_INTERNAL_ERROR',
  /**
   * Ingest: another instance of the cluster owns the call now (telephony reconnected it there, or this
   * instance was paused past its lease); this connection's audio is no longer transcribed (1008).
   */
  INGEST_CALL_MOVED: 'INGEST_CALL_MOVED',
  /**
   * Ingest (AudioHook): a message's `seq` is not one more than the previous one, or its `serverseq`
   * names a server message never sent (1008, or `disconnect` with reason `error` inside the protocol).
   */
  INGEST_OUT_OF_SEQUENCE: 'INGEST_OUT_OF_SEQUENCE',
  /** 409: a setting (the alert rules) was saved by someone else since it was read; read it again and redo the change. */
  SETTINGS_VERSION_CONFLICT: 'SETTINGS_VERSION_CONFLICT',
} as const;

/** A stable error code, see {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** Any of {@link ERROR_CODES}, as a schema. */
export const ERROR_CODE: Schema<ErrorCode> = oneOf(Object.values(ERROR_CODES));

/** True when `value` is one of {@link ERROR_CODES}. */
export const isErrorCode = guard(ERROR_CODE);

/**
 * How each code is answered outside an `error` message: `httpStatus` for an HTTP request or a
 * refused upgrade; `closeCode`, when set, is the WebSocket close code that always follows this
 * error (codes without one leave the connection open unless the error itself asks to close).
 */
export interface ErrorCodeAnswer {
  readonly httpStatus: number;
  readonly closeCode?: CloseCode;
}

const { GOING_AWAY, POLICY_VIOLATION, UNSUPPORTED_DATA, MESSAGE_TOO_BIG, INTERNAL_ERROR, TRY_AGAIN_LATER } = CLOSE_CODES;

/** The HTTP status and close code of every {@link ERROR_CODES} code, in one table. */
export const ERROR_CODE_ANSWERS: Readonly<Record<ErrorCode, ErrorCodeAnswer>> = {
  INVALID_JSON: { httpStatus: 400 },
  INVALID_MESSAGE: { httpStatus: 400 },
  UNKNOWN_MESSAGE_TYPE: { httpStatus: 400 },
  VALIDATION_FAILED: { httpStatus: 400 },
  BINARY_NOT_SUPPORTED: { httpStatus: 415 },
  MESSAGE_TOO_LARGE: { httpStatus: 413, closeCode: MESSAGE_TOO_BIG },
  CALL_NOT_FOUND: { httpStatus: 404 },
  NOT_SUBSCRIBED: { httpStatus: 409 },
  SLOW_CONSUMER: { httpStatus: 503, closeCode: TRY_AGAIN_LATER },
  INTERNAL_ERROR: { httpStatus: 500 },
  UNAUTHORIZED: { httpStatus: 401 },
  TOKEN_EXPIRED: { httpStatus: 401, closeCode: POLICY_VIOLATION },
  FORBIDDEN: { httpStatus: 403 },
  ORIGIN_NOT_ALLOWED: { httpStatus: 403 },
  AUTH_UNAVAILABLE: { httpStatus: 503 },
  RATE_LIMITED: { httpStatus: 429 },
  TOO_MANY_SUBSCRIPTIONS: { httpStatus: 429 },
  TOO_MANY_CONNECTIONS: { httpStatus: 429 },
  JSON_TOO_DEEP: { httpStatus: 400 },
  HISTORY_UNAVAILABLE: { httpStatus: 503 },
  INGEST_MALFORMED_JSON: { httpStatus: 400, closeCode: UNSUPPORTED_DATA },
  INGEST_INVALID_MESSAGE: { httpStatus: 400, closeCode: POLICY_VIOLATION },
  INGEST_MEDIA_BEFORE_START: { httpStatus: 400, closeCode: POLICY_VIOLATION },
  INGEST_DUPLICATE_START: { httpStatus: 409, closeCode: POLICY_VIOLATION },
  INGEST_INVALID_BASE64: { httpStatus: 400, closeCode: UNSUPPORTED_DATA },
  INGEST_ODD_BYTE_COUNT: { httpStatus: 400, closeCode: UNSUPPORTED_DATA },
  INGEST_UNSUPPORTED_ENCODING: { httpStatus: 415, closeCode: UNSUPPORTED_DATA },
  INGEST_UNSUPPORTED_RATE: { httpStatus: 415, closeCode: UNSUPPORTED_DATA },
  INGEST_UNEXPECTED_FRAME: { httpStatus: 400, closeCode: POLICY_VIOLATION },
  INGEST_INVALID_CALL_ID: { httpStatus: 400, closeCode: POLICY_VIOLATION },
  INGEST_CALL_CONFLICT: { httpStatus: 409, closeCode: POLICY_VIOLATION },
  INGEST_UNAVAILABLE: { httpStatus: 503, closeCode: GOING_AWAY },
  INGEST_ENGINE_UNAVAILABLE: { httpStatus: 503, closeCode: INTERNAL_ERROR },
  INGEST_STORE_UNAVAILABLE: { httpStatus: 503, closeCode: TRY_AGAIN_LATER },
  INGEST_AT_CAPACITY: { httpStatus: 503, closeCode: TRY_AGAIN_LATER },
  INGEST_INTERNAL_ERROR: { httpStatus: 500, closeCode: INTERNAL_ERROR },
  INGEST_CALL_MOVED: { httpStatus: 409, closeCode: POLICY_VIOLATION },
  INGEST_OUT_OF_SEQUENCE: { httpStatus: 400, closeCode: POLICY_VIOLATION },
  SETTINGS_VERSION_CONFLICT: { httpStatus: 409 },
};
