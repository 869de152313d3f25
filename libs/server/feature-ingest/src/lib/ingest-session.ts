import type { CallEndReason } from '@tnt/protocol';

/**
 * One ingest connection's protocol, fed frame by frame. Methods throw a `TntError` (an ingest code) for bad
 * input; the connection then closes and {@link IngestSession.abort} ends the call cleanly.
 */
export interface IngestSession {
  /** Call id once known (for logs). */
  readonly callId: string | undefined;
  /** Handles one text frame; a promise (the start frame's call being started) holds later frames back until it settles. */
  handleText(text: string): void | Promise<void>;
  handleBinary(data: Buffer): void;
  /** The socket closed with `code`; ends a call that is still live. */
  handleClose(code: number): Promise<void>;
  /** Ends a live call after bad input or a failure, keeping what was transcribed. */
  abort(reason: CallEndReason): Promise<void>;
}
