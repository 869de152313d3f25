import type { CallEndReason } from '@tnt/protocol';

/**
 * One ingest connection's protocol, fed frame by frame. Methods throw a `TntError` (an ingest code) for bad
 * input; the connection then closes and {@link IngestSession.abort} ends the call cleanly.
 */
export interface IngestSession {
  /** Call id once known (for logs). */
  readonly callId: string | undefined;
  handleText(text: string): void;
  handleBinary(data: Buffer): void;
  /** The socket closed with `code`; ends a call that is still live. */
  handleClose(code: number): Promise<void>;
  /** Ends a live call after bad input or a failure, keeping what was transcribed. */
  abort(reason: CallEndReason): Promise<void>;
}
