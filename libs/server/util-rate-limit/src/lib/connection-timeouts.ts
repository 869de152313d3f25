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

/** Arms the per-connection deadline of {@link applyConnectionTimeouts}; tests fire their own. */
export interface DeadlineTimer {
  /** Calls `onExpiry` once after `delayMs` unless the returned function cancels it first. */
  start(onExpiry: () => void, delayMs: number): () => void;
}

/** Node's timers, unref'd so a pending deadline never keeps the process alive. */
export const nodeDeadlineTimer: DeadlineTimer = {
  start(onExpiry, delayMs) {
    const timer = setTimeout(onExpiry, delayMs);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

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
 * @param deadlineTimer arms each new connection's first-request deadline (Node's timers by default)
 * @returns a function that removes the listeners again (the server properties stay).
 */
export function applyConnectionTimeouts(
  server: Server,
  timeouts: ConnectionTimeouts,
  deadlineTimer: DeadlineTimer = nodeDeadlineTimer,
): () => void {
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

  /** Each pending connection's function that cancels its deadline. */
  const deadlines = new Map<Socket, () => void>();
  const settle = (socket: Socket): void => {
    const cancel = deadlines.get(socket);
    if (cancel === undefined) return;
    cancel();
    deadlines.delete(socket);
  };
  const onConnection = (socket: Socket): void => {
    const cancel = deadlineTimer.start(() => {
      deadlines.delete(socket);
      socket.destroy();
    }, headersTimeoutMs);
    deadlines.set(socket, cancel);
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
    for (const cancel of deadlines.values()) cancel();
    deadlines.clear();
  };
}
