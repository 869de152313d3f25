/** Stable machine-readable codes for every error the protocol client raises. */
export const ProtocolClientErrorCode = {
  /** The server answered the upgrade with an HTTP status (e.g. 401) instead of a WebSocket. */
  Refused: 'PROTOCOL_CLIENT_ERR_REFUSED',
  /** The socket closed before the awaited message arrived. */
  Closed: 'PROTOCOL_CLIENT_ERR_CLOSED',
  /** The awaited message did not arrive in time. */
  Timeout: 'PROTOCOL_CLIENT_ERR_TIMEOUT',
  /** The server sent something that is not a protocol message; the client closes with 1002. */
  InvalidMessage: 'PROTOCOL_CLIENT_ERR_INVALID_MESSAGE',
  /** The server answered a request with an `error` message; `serverCode` holds its code. */
  ServerError: 'PROTOCOL_CLIENT_ERR_SERVER_ERROR',
} as const;

/** One of the values of {@link ProtocolClientErrorCode}. */
export type ProtocolClientErrorCode = (typeof ProtocolClientErrorCode)[keyof typeof ProtocolClientErrorCode];

/** What an error adds to its message, by code. */
export interface ProtocolClientErrorDetails {
  /** For `REFUSED`: the HTTP status the server answered with. */
  readonly httpStatus?: number;
  /** For `CLOSED`: the WebSocket close code. */
  readonly closeCode?: number;
  /** For `SERVER_ERROR`: the server's error code (e.g. `CALL_NOT_FOUND`). */
  readonly serverCode?: string;
}

/** An error raised by {@link ProtocolClient}, carrying a stable {@link ProtocolClientErrorCode}. */
export class ProtocolClientError extends Error {
  override readonly name = 'ProtocolClientError';

  constructor(
    readonly code: ProtocolClientErrorCode,
    message: string,
    readonly details: ProtocolClientErrorDetails = {},
  ) {
    super(message);
  }
}
