import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOSE_CODES, TntError } from '@tnt/protocol';
import type { WebSocket } from 'ws';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';
import type { IngestSession } from './ingest-session';

/**
 * Feeds every frame of an ingest socket to its session, turns bad input into a logged close with
 * a reason (the call is ended cleanly, what was transcribed is kept) and closes the remaining
 * ingest sockets with 1001 when the server stops.
 */
@Injectable()
export class IngestConnections implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private readonly sockets = new Set<WebSocket>();
  private readonly rejections = new Map<string, number>();

  /** Serves `socket` with `session`; `endpoint` names it in logs. */
  serve(socket: WebSocket, session: IngestSession, endpoint: string, remoteAddress: string): void {
    this.sockets.add(socket);
    this.logger.log({ msg: 'ingest connection opened', endpoint, remoteAddress });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (socket.readyState !== socket.OPEN) return;
      try {
        if (isBinary) session.handleBinary(data);
        else session.handleText(data.toString('utf8'));
      } catch (error) {
        this.reject(socket, session, endpoint, error);
      }
    });
    socket.on('close', (code: number) => {
      this.sockets.delete(socket);
      session.handleClose(code).catch((error: unknown) =>
        this.logger.error(`${endpoint} call ${session.callId ?? '(not started)'}: ending after close failed: ${String(error)}`),
      );
    });
  }

  /** How many connections were closed for bad input, by code, since start. */
  get rejectionCounts(): ReadonlyMap<string, number> {
    return this.rejections;
  }

  /** How many ingest connections are open. */
  get size(): number {
    return this.sockets.size;
  }

  beforeApplicationShutdown(): void {
    for (const socket of this.sockets) socket.close(CLOSE_CODES.GOING_AWAY, 'server shutting down');
  }

  private reject(socket: WebSocket, session: IngestSession, endpoint: string, error: unknown): void {
    const call = session.callId ?? '(not started)';
    // An error that is not a TntError is the server's own failure: it closes with 1011 and is logged with its stack.
    const closing =
      error instanceof TntError ? error : ingestError(INGEST_ERROR_CODES.INTERNAL_ERROR, 'the server failed; see its log', error);
    this.rejections.set(closing.code, (this.rejections.get(closing.code) ?? 0) + 1);
    const msg = `closing with ${closing.closeCode}: ${closing.code}: ${closing.message}`;
    const entry = { msg, endpoint, callId: call, code: closing.code };
    // Bad input is the peer's doing (a warning); a cause is the server's own failure behind the close.
    if (closing.cause === undefined) this.logger.warn(entry);
    else this.logger.error({ ...entry, cause: closing.cause instanceof Error ? closing.cause.stack : String(closing.cause) });
    socket.close(closing.closeCode ?? CLOSE_CODES.INTERNAL_ERROR, closing.closeReason);
    session.abort('error').catch((abortError: unknown) =>
      this.logger.error(`${endpoint} call ${call}: ending after bad input failed: ${String(abortError)}`),
    );
  }
}
