import type { CallEndReason, TntError } from '@tnt/protocol';

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
  /**
   * For a protocol with its own error message (AudioHook's `disconnect`): answers `error` inside the
   * protocol and returns true when the session then closes the socket itself; absent or false, the
   * connection closes the socket with the error's close code.
   */
  answerError?(error: TntError): boolean;
  /** Likewise for the server's shutdown: true when the session told the peer and closes the socket itself. */
  answerShutdown?(): boolean;
}
