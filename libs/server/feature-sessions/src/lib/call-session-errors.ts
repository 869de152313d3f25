import { ERROR_CODES, type ErrorCode } from '@tnt/protocol';

/** A request about calls that cannot be served; `code` is what the client receives. */
export class CallSessionError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly callId?: string) {
    super(message);
    this.name = 'CallSessionError';
  }
}

/** The call is not held (never existed here, or evicted after it ended). */
export function callNotFound(callId: string): CallSessionError {
  return new CallSessionError(ERROR_CODES.CALL_NOT_FOUND, `call ${callId} is not known to this server`, callId);
}

/** `unsubscribe` for something the connection does not listen to. */
export function notSubscribed(callId: string): CallSessionError {
  return new CallSessionError(ERROR_CODES.NOT_SUBSCRIBED, `not subscribed to ${callId}`, callId);
}
