import { CLOSE_CODES, ERROR_CODES, type CloseCode } from '@tnt/protocol';

/** The protocol's codes (documented in `ERROR_CODES`) that abuse limits answer with. */
export const LIMIT_ERROR_CODES = {
  RATE_LIMITED: ERROR_CODES.RATE_LIMITED,
  TOO_MANY_SUBSCRIPTIONS: ERROR_CODES.TOO_MANY_SUBSCRIPTIONS,
  TOO_MANY_CONNECTIONS: ERROR_CODES.TOO_MANY_CONNECTIONS,
  JSON_TOO_DEEP: ERROR_CODES.JSON_TOO_DEEP,
  MESSAGE_TOO_LARGE: ERROR_CODES.MESSAGE_TOO_LARGE,
} as const;

/** A code of {@link LIMIT_ERROR_CODES}. */
export type LimitErrorCode = (typeof LIMIT_ERROR_CODES)[keyof typeof LIMIT_ERROR_CODES];

/** HTTP status each limit maps to when it refuses a request or an upgrade. */
export const LIMIT_HTTP_STATUS: Readonly<Record<LimitErrorCode, number>> = {
  RATE_LIMITED: 429,
  TOO_MANY_SUBSCRIPTIONS: 429,
  TOO_MANY_CONNECTIONS: 429,
  JSON_TOO_DEEP: 400,
  MESSAGE_TOO_LARGE: 413,
};

/**
 * A limit was hit. `httpStatus` is the answer for an HTTP request or a refused upgrade;
 * `closeCode`, when set, means the WebSocket must be closed after the `error` message.
 * `retryAfterSeconds`, when set, belongs in a `Retry-After` header.
 */
export class LimitError extends Error {
  readonly httpStatus: number;

  constructor(
    readonly code: LimitErrorCode,
    message: string,
    readonly closeCode?: CloseCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LimitError';
    this.httpStatus = LIMIT_HTTP_STATUS[code];
  }
}

/** Too many messages; `close` when the peer kept flooding after being told. */
export function rateLimited(retryAfterMs: number, close = false): LimitError {
  return new LimitError(
    LIMIT_ERROR_CODES.RATE_LIMITED,
    close ? 'too many messages; closing the connection' : `too many messages; retry in ${Math.ceil(retryAfterMs)} ms`,
    close ? CLOSE_CODES.POLICY_VIOLATION : undefined,
    Math.max(1, Math.ceil(retryAfterMs / 1000)),
  );
}

/** The connection's subscription limit is reached. */
export function tooManySubscriptions(limit: number): LimitError {
  return new LimitError(LIMIT_ERROR_CODES.TOO_MANY_SUBSCRIPTIONS, `a connection may hold at most ${limit} subscriptions`);
}

/** A per-user or per-address connection limit is reached; `scope` says which. */
export function tooManyConnections(scope: string, limit: number): LimitError {
  return new LimitError(LIMIT_ERROR_CODES.TOO_MANY_CONNECTIONS, `at most ${limit} connections per ${scope}`, undefined, 5);
}

/** JSON nested deeper than `maxDepth`. */
export function jsonTooDeep(maxDepth: number): LimitError {
  return new LimitError(LIMIT_ERROR_CODES.JSON_TOO_DEEP, `JSON nests deeper than ${maxDepth} levels`);
}

/** A frame of `size` bytes over `limit`: close 1009. */
export function messageTooLarge(size: number, limit: number): LimitError {
  return new LimitError(
    LIMIT_ERROR_CODES.MESSAGE_TOO_LARGE,
    `frame of ${size} bytes exceeds the limit of ${limit} bytes`,
    CLOSE_CODES.MESSAGE_TOO_BIG,
  );
}
