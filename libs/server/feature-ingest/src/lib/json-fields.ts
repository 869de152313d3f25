import { validate, type Schema } from '@tnt/protocol';
import { exceedsJsonDepth } from '@tnt/server/util-rate-limit';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';

/** A parsed JSON object, before its schema is checked. */
export type JsonObject = Record<string, unknown>;

/**
 * Parses one text frame as a JSON object or throws `INGEST_MALFORMED_JSON`; JSON nested deeper
 * than `maxDepth` (`TNT_MAX_JSON_DEPTH`) is refused before parsing, as an attack on the parser.
 */
export function parseJsonObject(text: string, maxDepth: number): JsonObject {
  if (exceedsJsonDepth(text, maxDepth)) {
    throw ingestError(INGEST_ERROR_CODES.INVALID_MESSAGE, `JSON nests deeper than ${maxDepth} levels`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ingestError(INGEST_ERROR_CODES.MALFORMED_JSON, `invalid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ingestError(INGEST_ERROR_CODES.MALFORMED_JSON, 'a frame must be a JSON object');
  }
  return value as JsonObject;
}

/** The value at a dotted `path` (`start.callSid`) of `message`. */
function valueAt(message: JsonObject, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as JsonObject)[key] : undefined), message);
}

/**
 * `message` checked against its protocol schema, or throws naming the field: `INGEST_INVALID_CALL_ID`
 * when a string in one of `callIdPaths` breaks the one call-id rule (so no call starts that the UI
 * socket, the REST routes or the dashboard could not serve), `INGEST_INVALID_MESSAGE` otherwise.
 */
export function readFrame<T>(schema: Schema<T>, message: JsonObject, callIdPaths: readonly string[] = []): T {
  const result = validate(schema, message);
  if (result.ok) return result.value;
  const badCallId = callIdPaths.includes(result.path) && typeof valueAt(message, result.path) === 'string';
  throw ingestError(badCallId ? INGEST_ERROR_CODES.INVALID_CALL_ID : INGEST_ERROR_CODES.INVALID_MESSAGE, result.message);
}
