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

// The errors below are told apart by type (`instanceof`), never by message: the side that started
// the call (telephony ingest, the demo) maps each to its own answer.

/** A call cannot start: its id is live on this server or already stored. */
export class CallConflict extends Error {
  constructor(readonly callId: string) {
    super(`call ${callId} already exists`);
    this.name = 'CallConflict';
  }
}

/** A call cannot change (update, transcript, end): it has ended already. */
export class CallAlreadyEnded extends Error {
  constructor(readonly callId: string) {
    super(`call ${callId} has already ended`);
    this.name = 'CallAlreadyEnded';
  }
}

/** The call store failed to keep a call's start; `cause` is the store's own error. */
export class StoreUnavailable extends Error {
  constructor(
    readonly callId: string,
    message: string,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/**
 * This instance no longer owns the call: another took it over (telephony reconnected the call
 * there, or this instance was paused past its lease and a survivor ended the call). Nothing more
 * from this instance reaches anyone; the side feeding the call here must stop.
 */
export class CallMovedElsewhere extends Error {
  constructor(
    readonly callId: string,
    options?: { cause: unknown },
  ) {
    super(`call ${callId} is owned by another instance now; this instance no longer writes it`, options);
    this.name = 'CallMovedElsewhere';
  }
}
