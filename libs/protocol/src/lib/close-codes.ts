/** WebSocket close codes (RFC 6455 §7.4.1) this server sends, and what each means here. */
export const CLOSE_CODES = {
  /** The conversation ended normally. */
  NORMAL: 1000,
  /** The server is shutting down (after a `status: disconnecting`); reconnect to another or later. */
  GOING_AWAY: 1001,
  /** The peer sent a kind of data this endpoint cannot accept (e.g. an unsupported audio format). */
  UNSUPPORTED_DATA: 1003,
  /** The peer broke the endpoint's rules (e.g. ingest media before its start frame). */
  POLICY_VIOLATION: 1008,
  /** A frame exceeded the size limit. */
  MESSAGE_TOO_BIG: 1009,
  /** The server hit an unexpected condition. */
  INTERNAL_ERROR: 1011,
  /**
   * The server is overloaded for this peer: a UI client reconnects later (with `since`, nothing is
   * lost); telephony places a refused call (`INGEST_AT_CAPACITY`) on another instance.
   */
  TRY_AGAIN_LATER: 1013,
} as const;

/** A close code this server sends, see {@link CLOSE_CODES}. */
export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];
