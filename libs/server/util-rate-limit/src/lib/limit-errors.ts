import { CLOSE_CODES, ERROR_CODES, TntError } from '@tnt/protocol';

/** The protocol's codes (documented in `ERROR_CODES`) that abuse limits answer with. */
export const LIMIT_ERROR_CODES = {
  RATE_LIMITED: ERROR_CODES.RATE_LIMITED,
  TOO_MANY_SUBSCRIPTIONS: ERROR_CODES.TOO_MANY_SUBSCRIPTIONS,
  TOO_MANY_CONNECTIONS: ERROR_CODES.TOO_MANY_CONNECTIONS,
  JSON_TOO_DEEP: ERROR_CODES.JSON_TOO_DEEP,
  MESSAGE_TOO_LARGE: ERROR_CODES.MESSAGE_TOO_LARGE,
} as const;

// Every limit is reported as a TntError: its HTTP status (429, 413, 400) and close code come from
// the protocol's ERROR_CODE_ANSWERS, its `retryAfterSeconds` belongs in a `Retry-After` header.

/** Too many messages; `close` when the peer kept flooding after being told (1008). */
export function rateLimited(retryAfterMs: number, close = false): TntError {
  return new TntError(
    LIMIT_ERROR_CODES.RATE_LIMITED,
    close ? 'too many messages; closing the connection' : `too many messages; retry in ${Math.ceil(retryAfterMs)} ms`,
    { closeCode: close ? CLOSE_CODES.POLICY_VIOLATION : undefined, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) },
  );
}

/** The connection's subscription limit is reached. */
export function tooManySubscriptions(limit: number): TntError {
  return new TntError(LIMIT_ERROR_CODES.TOO_MANY_SUBSCRIPTIONS, `a connection may hold at most ${limit} subscriptions`);
}

/** A per-user or per-address connection limit is reached; `scope` says which. */
export function tooManyConnections(scope: string, limit: number): TntError {
  return new TntError(LIMIT_ERROR_CODES.TOO_MANY_CONNECTIONS, `at most ${limit} connections per ${scope}`, { retryAfterSeconds: 5 });
}

/** JSON nested deeper than `maxDepth`. */
export function jsonTooDeep(maxDepth: number): TntError {
  return new TntError(LIMIT_ERROR_CODES.JSON_TOO_DEEP, `JSON nests deeper than ${maxDepth} levels`);
}

/** A frame of `size` bytes over `limit`: close 1009. */
export function messageTooLarge(size: number, limit: number): TntError {
  return new TntError(LIMIT_ERROR_CODES.MESSAGE_TOO_LARGE, `frame of ${size} bytes exceeds the limit of ${limit} bytes`);
}
