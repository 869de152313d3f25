import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';

/** Timeouts of {@link applyConnectionTimeouts}. */
export interface ConnectionTimeouts {
  /**
   * A new connection must deliver its complete request headers (an HTTP request or a WebSocket
   * upgrade) within this many ms, or it is destroyed. Also Node's `headersTimeout`.
   */
  readonly headersTimeoutMs: number;
  /** Node's `requestTimeout`: the whole request, body included (default 30 s, at least the headers timeout). */
  readonly requestTimeoutMs?: number;
  /** How often Node checks `headersTimeout`/`requestTimeout` (default: a quarter of the headers timeout, 250 ms to 5 s). */
  readonly checkingIntervalMs?: number;
}

/**
 * Protects an HTTP server (and the WebSocket upgrades it serves) against connections that open
 * and then say nothing or trickle their headers (slowloris):
 *
 * - Node's own `headersTimeout`/`requestTimeout` answer 408 to a request whose headers or body
 *   are late, but only once a request has started, and only at each `connectionsCheckingInterval`
 *   tick (30 s by default); Node reads that interval when the server starts listening, so this
 *   must run before `listen`.
 * - A connection that sends no byte at all is never timed out by Node (server `timeout` is 0), so
 *   each new connection gets a timer that destroys it unless its first request's headers
 *   (`request` or `upgrade`) arrive in time. After an upgrade `ws` owns the socket and its own
 *   heartbeat watches it.
 *
 * @returns a function that removes the listeners again (the server properties stay).
 */
export function applyConnectionTimeouts(server: Server, timeouts: ConnectionTimeouts): () => void {
  const { headersTimeoutMs } = timeouts;
  if (!Number.isInteger(headersTimeoutMs) || headersTimeoutMs < 100) {
    throw new RangeError(`headersTimeoutMs must be an integer of at least 100 (got ${headersTimeoutMs})`);
  }
  if (server.listening) {
    throw new Error('applyConnectionTimeouts must run before the server listens (Node reads connectionsCheckingInterval at listen)');
  }
  const requestTimeoutMs = Math.max(timeouts.requestTimeoutMs ?? 30_000, headersTimeoutMs);
  server.requestTimeout = requestTimeoutMs;
  server.headersTimeout = headersTimeoutMs;
  // Public since Node 18.12 (`http.createServer` option) but missing from @types/node's Server.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval =
    timeouts.checkingIntervalMs ?? Math.min(5_000, Math.max(250, Math.floor(headersTimeoutMs / 4)));

  const deadlines = new Map<Socket, NodeJS.Timeout>();
  const settle = (socket: Socket): void => {
    const deadline = deadlines.get(socket);
    if (deadline === undefined) return;
    clearTimeout(deadline);
    deadlines.delete(socket);
  };
  const onConnection = (socket: Socket): void => {
    const deadline = setTimeout(() => {
      deadlines.delete(socket);
      socket.destroy();
    }, headersTimeoutMs);
    deadline.unref();
    deadlines.set(socket, deadline);
    socket.once('close', () => settle(socket));
  };
  const onRequest = (request: IncomingMessage): void => settle(request.socket);
  const onUpgrade = (request: IncomingMessage, socket: Socket): void => {
    settle(socket);
    // Listening for `upgrade` makes Node hand upgrades to listeners instead of answering them as
    // plain requests; when no one else listens, nobody would ever answer this one.
    if (server.listenerCount('upgrade') === 1) socket.destroy();
  };
  server.on('connection', onConnection);
  server.on('request', onRequest);
  server.prependListener('upgrade', onUpgrade);
  return () => {
    server.off('connection', onConnection);
    server.off('request', onRequest);
    server.off('upgrade', onUpgrade);
    for (const deadline of deadlines.values()) clearTimeout(deadline);
    deadlines.clear();
  };
}
