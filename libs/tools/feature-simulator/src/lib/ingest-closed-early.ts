import type WebSocket from 'ws';

/** The close code of "try again later", with which a full gateway refuses a call. */
const TRY_AGAIN_LATER = 1013;

/**
 * The gateway closed a call's ingest socket before all of its audio was sent: bad input, a
 * server failure, or — `refusedAtCapacity` — a gateway at its speech capacity, which telephony
 * would place on another instance.
 */
export class IngestClosedEarly extends Error {
  constructor(
    readonly callId: string,
    readonly code: number,
    readonly reason: string,
  ) {
    super(`ingest closed call ${callId} early: ${code} ${reason}`);
    this.name = 'IngestClosedEarly';
  }

  /** True when the gateway refused the call because it is at capacity (1013 `INGEST_AT_CAPACITY`). */
  get refusedAtCapacity(): boolean {
    return this.code === TRY_AGAIN_LATER && this.reason.startsWith('INGEST_AT_CAPACITY');
  }
}

/**
 * Waits for `streaming` (which sends a call's frames while `socket` is open) and, when the gateway
 * closed the socket first, rejects with an {@link IngestClosedEarly} carrying the code and reason
 * `closing` (the socket's close, watched since it opened) resolves with.
 */
export async function unlessClosedEarly<T>(
  socket: WebSocket,
  callId: string,
  streaming: Promise<T>,
  closing: Promise<{ code: number; reason: string }>,
): Promise<T> {
  try {
    return await streaming;
  } catch (error) {
    if (socket.readyState === socket.OPEN) throw error;
    const { code, reason } = await closing;
    throw new IngestClosedEarly(callId, code, reason);
  }
}
