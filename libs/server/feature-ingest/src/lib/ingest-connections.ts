import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOSE_CODES, TntError } from '@tnt/protocol';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import type { WebSocket } from 'ws';
import { ingestError, INGEST_ERROR_CODES } from './ingest-error';
import type { IngestSession } from './ingest-session';

/** The error's stack, then each cause's (`StoreUnavailable` → the store's own error), for the log. */
function causeChain(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined; current = current instanceof Error ? current.cause : undefined) {
    parts.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
  }
  return parts.join('\ncaused by: ');
}

/**
 * Feeds every frame of an ingest socket to its session, turns bad input into a logged close with
 * a reason (the call is ended cleanly, what was transcribed is kept), stops taking connections
 * when the server begins to stop and closes the remaining ingest sockets with 1001 at shutdown.
 */
@Injectable()
export class IngestConnections implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private readonly sockets = new Set<WebSocket>();
  private readonly rejections: CounterMetric;
  private takingCalls = true;

  constructor(@Inject(METRICS) metrics: MetricsRegistry) {
    metrics.gauge({ name: 'tnt_ingest_connections', help: 'Open audio ingest connections', sample: () => this.size });
    this.rejections = metrics.counter({
      name: 'tnt_ingest_errors_total',
      help: 'Ingest connections closed for bad input, by code',
      labelNames: ['code'],
    });
  }

  /**
   * The first step of a graceful stop: new ingest connections are closed with 1001 at once.
   * Connections already open keep streaming until their calls are ended.
   */
  stopTakingCalls(): void {
    this.takingCalls = false;
  }

  /** Serves `socket` with `session`; `endpoint` names it in logs. */
  serve(socket: WebSocket, session: IngestSession, endpoint: string, remoteAddress: string): void {
    if (!this.takingCalls) {
      this.logger.warn({ msg: 'ingest connection refused: the server is shutting down', endpoint, remoteAddress });
      socket.close(CLOSE_CODES.GOING_AWAY, 'server shutting down');
      return;
    }
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
      session
        .handleClose(code)
        .catch((error: unknown) =>
          this.logger.error(`${endpoint} call ${session.callId ?? '(not started)'}: ending after close failed: ${String(error)}`),
        );
    });
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
    this.rejections.inc({ code: closing.code });
    const msg = `closing with ${closing.closeCode}: ${closing.code}: ${closing.message}`;
    const entry = { msg, endpoint, callId: call, code: closing.code };
    // Bad input is the peer's doing (a warning); a cause is the server's own failure behind the close.
    if (closing.cause === undefined) this.logger.warn(entry);
    else this.logger.error({ ...entry, cause: causeChain(closing.cause) });
    socket.close(closing.closeCode ?? CLOSE_CODES.INTERNAL_ERROR, closing.closeReason);
    session
      .abort('error')
      .catch((abortError: unknown) => this.logger.error(`${endpoint} call ${call}: ending after bad input failed: ${String(abortError)}`));
  }
}
