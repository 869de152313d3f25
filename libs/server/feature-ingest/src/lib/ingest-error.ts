import { ERROR_CODES, TntError } from '@tnt/protocol';

/**
 * Stable codes of ingest failures (all in the protocol's `ERROR_CODES`); they start the close
 * reason and the log line. Each code's close code is in the protocol's `ERROR_CODE_ANSWERS`:
 * 1003 for data the endpoint cannot take, 1008 for broken rules, 1001/1011/1013 for the server's side.
 */
export const INGEST_ERROR_CODES = {
  MALFORMED_JSON: ERROR_CODES.INGEST_MALFORMED_JSON,
  INVALID_MESSAGE: ERROR_CODES.INGEST_INVALID_MESSAGE,
  MEDIA_BEFORE_START: ERROR_CODES.INGEST_MEDIA_BEFORE_START,
  DUPLICATE_START: ERROR_CODES.INGEST_DUPLICATE_START,
  INVALID_BASE64: ERROR_CODES.INGEST_INVALID_BASE64,
  ODD_BYTE_COUNT: ERROR_CODES.INGEST_ODD_BYTE_COUNT,
  UNSUPPORTED_ENCODING: ERROR_CODES.INGEST_UNSUPPORTED_ENCODING,
  UNSUPPORTED_RATE: ERROR_CODES.INGEST_UNSUPPORTED_RATE,
  UNEXPECTED_FRAME: ERROR_CODES.INGEST_UNEXPECTED_FRAME,
  INVALID_CALL_ID: ERROR_CODES.INGEST_INVALID_CALL_ID,
  CALL_CONFLICT: ERROR_CODES.INGEST_CALL_CONFLICT,
  UNAVAILABLE: ERROR_CODES.INGEST_UNAVAILABLE,
  ENGINE_UNAVAILABLE: ERROR_CODES.INGEST_ENGINE_UNAVAILABLE,
  STORE_UNAVAILABLE: ERROR_CODES.INGEST_STORE_UNAVAILABLE,
  AT_CAPACITY: ERROR_CODES.INGEST_AT_CAPACITY,
  INTERNAL_ERROR: ERROR_CODES.INGEST_INTERNAL_ERROR,
  CALL_MOVED: ERROR_CODES.INGEST_CALL_MOVED,
  OUT_OF_SEQUENCE: ERROR_CODES.INGEST_OUT_OF_SEQUENCE,
} as const;

/** A code of {@link INGEST_ERROR_CODES}. */
export type IngestErrorCode = (typeof INGEST_ERROR_CODES)[keyof typeof INGEST_ERROR_CODES];

/**
 * Bad ingest input, or a call the server could not start: the connection is closed with the
 * code's close code and a reason starting with `code`. `cause` (logged, never sent) is the
 * server-side failure behind it.
 */
export function ingestError(code: IngestErrorCode, message: string, cause?: unknown): TntError {
  return new TntError(code, message, { cause });
}
