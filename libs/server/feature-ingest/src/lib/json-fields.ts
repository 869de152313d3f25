import { CALL_ID_RULE, isCallId } from '@tnt/protocol';
import { exceedsJsonDepth } from '@tnt/server/util-rate-limit';
import { INGEST_ERROR_CODES, policyViolation, unsupportedData } from './ingest-error';

/** A parsed JSON object whose fields are read with checks that name the field on failure. */
export type JsonObject = Record<string, unknown>;

/** Ingest messages nest three levels at most; anything far deeper is an attack on the parser. */
const MAX_INGEST_JSON_DEPTH = 16;

/** Parses one text frame as a JSON object or throws `INGEST_MALFORMED_JSON`. */
export function parseJsonObject(text: string): JsonObject {
  if (exceedsJsonDepth(text, MAX_INGEST_JSON_DEPTH)) {
    throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `JSON nests deeper than ${MAX_INGEST_JSON_DEPTH} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unsupportedData(INGEST_ERROR_CODES.MALFORMED_JSON, `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw unsupportedData(INGEST_ERROR_CODES.MALFORMED_JSON, 'a frame must be a JSON object');
  }
  return value as JsonObject;
}

/** `object[field]` as an object, or throws `INGEST_INVALID_MESSAGE` naming `path`. */
export function objectField(object: JsonObject, field: string, path: string): JsonObject {
  const value = object[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `${path} must be an object`);
  }
  return value as JsonObject;
}

/** `object[field]` as a non-empty string, or throws naming `path`. */
export function stringField(object: JsonObject, field: string, path: string): string {
  const value = object[field];
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) {
    throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `${path} must be a string of 1 to 256 characters`);
  }
  return value;
}

/**
 * `object[field]` as a call id: `INGEST_INVALID_MESSAGE` when it is not a string, and
 * `INGEST_INVALID_CALL_ID` when it breaks the one call-id rule, so no call starts that the UI
 * socket, the REST routes or the dashboard could not serve.
 */
export function callIdField(object: JsonObject, field: string, path: string): string {
  const value = object[field];
  if (typeof value !== 'string') throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `${path} must be a string`);
  if (!isCallId(value)) throw policyViolation(INGEST_ERROR_CODES.INVALID_CALL_ID, `${path} must be ${CALL_ID_RULE}`);
  return value;
}

/** `object[field]` as a string when present, `undefined` when absent. */
export function optionalStringField(object: JsonObject, field: string, path: string): string | undefined {
  return object[field] === undefined ? undefined : stringField(object, field, path);
}

/** `object[field]` as a number (Twilio sends some numbers as strings, both are taken). */
export function numberField(object: JsonObject, field: string, path: string): number {
  const value = object[field];
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw policyViolation(INGEST_ERROR_CODES.INVALID_MESSAGE, `${path} must be a number`);
  }
  return number;
}
