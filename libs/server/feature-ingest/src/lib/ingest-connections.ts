import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { CLOSE_CODES, TntError } from '@tnt/protocol';
import { TranscriptionService } from '@tnt/server/feature-transcription';
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

/** Frames an ingest socket may send while its call is being started; more is refused (a peer not waiting). */
const MAX_FRAMES_WHILE_STARTING = 2_000;

/**
 * Feeds every frame of an ingest socket to its session, in order (frames that arrive while the
 * start frame's call is being started wait for it), turns bad input into a logged close with
 * a reason (the call is ended cleanly, what was transcribed is kept), stops taking connections
 * when the server begins to stop and closes the remaining ingest sockets with 1001 at shutdown.
 */
@Injectable()
export class IngestConnections implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private readonly sockets = new Map<WebSocket, IngestSession>();
  /** The open ingest connections by call id, to close the one whose call another instance took over. */
  private readonly byCall = new Map<string, { socket: WebSocket; session: IngestSession; endpoint: string }>();
  private readonly rejections: CounterMetric;
  private takingCalls = true;

  constructor(@Inject(METRICS) metrics: MetricsRegistry, transcription: TranscriptionService) {
    transcription.onCallLost((callId, reason) => {
      const connection = this.byCall.get(callId);
      if (!connection) return;
      const closing =
        reason === 'store-unavailable'
          ? ingestError(INGEST_ERROR_CODES.STORE_UNAVAILABLE, `call ${callId} was ended: too many of its events wait for the call store`)
          : ingestError(INGEST_ERROR_CODES.CALL_MOVED, `call ${callId} is taken by another connection to another instance`);
      this.reject(connection.socket, connection.session, connection.endpoint, closing);
    });
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
    this.sockets.set(socket, session);
    this.logger.log({ msg: 'ingest connection opened', endpoint, remoteAddress });
    // Frames held back while one is still being handled (the start frame's call is being started).
    let waiting: [Buffer, boolean][] | undefined;
    const handle = (data: Buffer, isBinary: boolean): void => {
      if (socket.readyState !== socket.OPEN) return;
      let handling: void | Promise<void> = undefined;
      try {
        if (isBinary) session.handleBinary(data);
        else handling = session.handleText(data.toString('utf8'));
      } catch (error) {
        this.reject(socket, session, endpoint, error);
        return;
      }
      if (!handling) return;
      waiting = [];
      handling.then(
        () => {
          // A socket that closed meanwhile is not registered: its close handler, which unregisters, has run.
          if (session.callId !== undefined && socket.readyState === socket.OPEN)
            this.byCall.set(session.callId, { socket, session, endpoint });
          const held = waiting ?? [];
          waiting = undefined;
          drain(held);
        },
        (error: unknown) => {
          waiting = undefined;
          this.reject(socket, session, endpoint, error);
        },
      );
    };
    /** Handles held frames in order until one has to be waited for again; the rest wait behind it. */
    const drain = (held: [Buffer, boolean][]): void => {
      for (let next = held.shift(); next; next = held.shift()) {
        handle(...next);
        if (waiting) return void waiting.push(...held);
      }
    };
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (!waiting) return handle(data, isBinary);
      if (waiting.length < MAX_FRAMES_WHILE_STARTING) return void waiting.push([data, isBinary]);
      waiting = undefined;
      const flood = ingestError(
        INGEST_ERROR_CODES.UNEXPECTED_FRAME,
        `more than ${MAX_FRAMES_WHILE_STARTING} frames sent while the call was starting`,
      );
      this.reject(socket, session, endpoint, flood);
    });
    socket.on('close', (code: number) => {
      this.sockets.delete(socket);
      if (session.callId !== undefined && this.byCall.get(session.callId)?.socket === socket) this.byCall.delete(session.callId);
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
    for (const [socket, session] of this.sockets) {
      if (!session.answerShutdown?.()) socket.close(CLOSE_CODES.GOING_AWAY, 'server shutting down');
    }
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
    // A call refused at capacity or while the call store is down is expected then: the capacity monitor
    // and the sessions' store outage log the episode once, so each refusal is only a debug line.
    if (closing.code === INGEST_ERROR_CODES.AT_CAPACITY || closing.code === INGEST_ERROR_CODES.STORE_UNAVAILABLE) this.logger.debug(entry);
    else if (closing.cause === undefined) this.logger.warn(entry);
    else this.logger.error({ ...entry, cause: causeChain(closing.cause) });
    if (!session.answerError?.(closing)) socket.close(closing.closeCode ?? CLOSE_CODES.INTERNAL_ERROR, closing.closeReason);
    session
      .abort('error')
      .catch((abortError: unknown) => this.logger.error(`${endpoint} call ${call}: ending after bad input failed: ${String(abortError)}`));
  }
}
