/**
 * A write refused because another instance owns the call now: this instance was fenced (its lease
 * expired while it was paused, or telephony reconnected the call elsewhere). Nothing was kept; the
 * instance must stop writing the call and close its audio socket.
 */
export class CallOwnershipLost extends Error {
  constructor(
    readonly callId: string,
    /** The instance that owns the call now, when known. */
    readonly owner?: string,
  ) {
    super(`call ${callId} is owned by ${owner ?? 'another instance'} now; this instance was fenced`);
    this.name = 'CallOwnershipLost';
  }
}

/** `createCall` refused: a call with this id is already stored (active or ended). */
export class CallAlreadyStored extends Error {
  constructor(readonly callId: string) {
    super(`call ${callId} is already stored`);
    this.name = 'CallAlreadyStored';
  }
}

/**
 * The log could not be reached (connection refused, lost or timed out), so a write is to be retried,
 * not given up. `mayHaveCommitted` says whether the write was sent before the connection failed: then
 * it may be stored although its answer was lost, and it must be retried as it was (same `seq`), which
 * the log accepts as a no-op when it is there already. When false, nothing reached the database.
 */
export class LogUnreachable extends Error {
  constructor(
    message: string,
    readonly mayHaveCommitted: boolean,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'LogUnreachable';
  }
}
