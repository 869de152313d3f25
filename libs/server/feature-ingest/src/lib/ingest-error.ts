import { CLOSE_CODES, type CloseCode } from '@tnt/protocol';

/** Stable codes of ingest failures; they appear in the close reason and the log. */
export const INGEST_ERROR_CODES = {
  /** A text frame is not valid JSON. */
  MALFORMED_JSON: 'INGEST_MALFORMED_JSON',
  /** A message lacks a field or has one of the wrong type. */
  INVALID_MESSAGE: 'INGEST_INVALID_MESSAGE',
  /** Audio (or a binary frame) arrived before the start / metadata frame. */
  MEDIA_BEFORE_START: 'INGEST_MEDIA_BEFORE_START',
  /** A second start / metadata frame on the same connection. */
  DUPLICATE_START: 'INGEST_DUPLICATE_START',
  /** A media payload is not valid base64. */
  INVALID_BASE64: 'INGEST_INVALID_BASE64',
  /** A binary L16 frame has an odd number of bytes (16-bit samples are whole bytes pairs). */
  ODD_BYTE_COUNT: 'INGEST_ODD_BYTE_COUNT',
  /** An audio encoding the endpoint does not take. */
  UNSUPPORTED_ENCODING: 'INGEST_UNSUPPORTED_ENCODING',
  /** A sample rate the endpoint does not take. */
  UNSUPPORTED_RATE: 'INGEST_UNSUPPORTED_RATE',
  /** A binary frame where the endpoint expects JSON text, or the reverse. */
  UNEXPECTED_FRAME: 'INGEST_UNEXPECTED_FRAME',
  /** The call id breaks the call-id rule (`CALL_ID_RULE` in `@tnt/protocol`): 1008 at the start frame. */
  INVALID_CALL_ID: 'INGEST_INVALID_CALL_ID',
  /** The call id is already live (or known) on this server. */
  CALL_CONFLICT: 'INGEST_CALL_CONFLICT',
  /** The server is shutting down and takes no new call: 1001. */
  UNAVAILABLE: 'INGEST_UNAVAILABLE',
  /** The speech-to-text engine could not open a speaker's stream; the call was ended (`engine-unavailable`): 1011. */
  ENGINE_UNAVAILABLE: 'INGEST_ENGINE_UNAVAILABLE',
  /** The call store could not keep the call's start; nothing is left active: 1011. */
  STORE_UNAVAILABLE: 'INGEST_STORE_UNAVAILABLE',
} as const;

/** A code of {@link INGEST_ERROR_CODES}. */
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[keyof typeof INGEST_ERROR_CODES];

/** Close reasons are limited to 123 bytes by RFC 6455. */
const MAX_CLOSE_REASON_BYTES = 123;

/**
 * Bad ingest input, or a call the server could not start: the connection is closed with `closeCode`
 * and a reason starting with `code`. `cause` (logged, never sent) is the server-side failure behind it.
 */
export class IngestError extends Error {
  constructor(readonly code: IngestErrorCode, message: string, readonly closeCode: CloseCode, options?: { cause: unknown }) {
    super(message, options);
    this.name = 'IngestError';
  }

  /** `CODE: message`, cut to fit a close frame. */
  get closeReason(): string {
    let reason = `${this.code}: ${this.message}`;
    while (Buffer.byteLength(reason) > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1);
    return reason;
  }
}

/** Data the endpoint cannot accept (format, rate, encoding): close 1003. */
export function unsupportedData(code: IngestErrorCode, message: string): IngestError {
  return new IngestError(code, message, CLOSE_CODES.UNSUPPORTED_DATA);
}

/** Input that breaks the endpoint's rules (order, duplicates, shape): close 1008. */
export function policyViolation(code: IngestErrorCode, message: string): IngestError {
  return new IngestError(code, message, CLOSE_CODES.POLICY_VIOLATION);
}

/** The server is going away and takes no new call: close 1001. */
export function goingAway(code: IngestErrorCode, message: string): IngestError {
  return new IngestError(code, message, CLOSE_CODES.GOING_AWAY);
}

/** The server failed to serve valid input (engine, store): close 1011; `cause` is logged. */
export function serverFailure(code: IngestErrorCode, message: string, cause: unknown): IngestError {
  return new IngestError(code, message, CLOSE_CODES.INTERNAL_ERROR, { cause });
}
