import { ERROR_CODES, type CloseCode, type ErrorCode, type ErrorMessage } from '@tnt/protocol';

/**
 * A client-visible failure: `code` goes into the `error` message; `closeCode`, when set, closes
 * the connection after the message is sent.
 */
export class ProtocolError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly closeCode?: CloseCode, readonly callId?: string) {
    super(message);
    this.name = 'ProtocolError';
  }

  /** The `error` message for the client. */
  toMessage(): ErrorMessage {
    return {
      type: 'error',
      code: this.code,
      message: this.message,
      timestamp: new Date().toISOString(),
      ...(this.callId ? { callId: this.callId } : {}),
    };
  }
}

/** The error sent when something unexpected failed; details stay in the server log. */
export function internalError(connectionId: string): ProtocolError {
  return new ProtocolError(ERROR_CODES.INTERNAL_ERROR, `the server failed to handle the message (connection ${connectionId})`);
}
