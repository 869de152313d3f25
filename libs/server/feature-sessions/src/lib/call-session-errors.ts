import { ERROR_CODES, TntError } from '@tnt/protocol';

// Requests about calls that cannot be served are TntErrors: the code (and the call) reach the
// client in an `error` message through the shared WebSocket filter.

/** The call is not held (never existed here, or evicted after it ended). */
export function callNotFound(callId: string): TntError {
  return new TntError(ERROR_CODES.CALL_NOT_FOUND, `call ${callId} is not known to this server`, { callId });
}

/** `unsubscribe` for something the connection does not listen to. */
export function notSubscribed(callId: string): TntError {
  return new TntError(ERROR_CODES.NOT_SUBSCRIBED, `not subscribed to ${callId}`, { callId });
}
