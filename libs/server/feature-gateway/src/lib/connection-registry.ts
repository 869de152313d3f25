import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { CLOSE_CODES, type CloseCode, type ErrorMessage, type ServerMessage } from '@tnt/protocol';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { authenticationOf } from '@tnt/server/feature-auth';
import type { SocketErrorChannel } from '@tnt/server/util-errors';
import { SubscriptionQuota } from '@tnt/server/util-rate-limit';
import { ClientConnection, type ConnectionObserver } from './client-connection';
import { BroadcastWriter } from './broadcast-writer';

/** The UI socket's counters, registered with the metrics port. */
interface ConnectionCounters {
  readonly messagesIn: CounterMetric;
  readonly messagesOut: CounterMetric;
  readonly slowConsumerDisconnects: CounterMetric;
  readonly heartbeatTerminations: CounterMetric;
}

/**
 * Every open UI connection, its heartbeat and its orderly close. A peer that does not answer a
 * ping frame within the heartbeat timeout is terminated, so a dead peer is gone within
 * interval + timeout.
 */
@Injectable()
export class ConnectionRegistry implements OnModuleInit, OnModuleDestroy, ConnectionObserver, SocketErrorChannel {
  private readonly logger = new Logger(ConnectionRegistry.name);
  private readonly counters: ConnectionCounters;
  private readonly connections = new Map<WebSocket, ClientConnection>();
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly pongDeadlines = new Set<NodeJS.Timeout>();
  /** Shared by every connection: frames each event once and batches a turn's writes per socket. */
  private readonly writer = new BroadcastWriter();

  constructor(
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
  ) {
    metrics.gauge({ name: 'tnt_ui_connections', help: 'Open UI WebSocket connections', sample: () => this.size });
    metrics.gauge({ name: 'tnt_queued_bytes', help: 'Bytes waiting in UI clients outbound queues', sample: () => this.queuedBytes });
    this.counters = {
      messagesIn: metrics.counter({ name: 'tnt_messages_in_total', help: 'Frames received on the UI socket' }),
      messagesOut: metrics.counter({ name: 'tnt_messages_out_total', help: 'Messages sent on the UI socket' }),
      slowConsumerDisconnects: metrics.counter({
        name: 'tnt_slow_consumer_disconnects_total',
        help: 'UI clients closed with SLOW_CONSUMER',
      }),
      heartbeatTerminations: metrics.counter({
        name: 'tnt_heartbeat_terminations_total',
        help: 'UI peers terminated for a missed heartbeat',
      }),
    };
  }

  onModuleInit(): void {
    this.heartbeat = setInterval(() => this.pingAll(), this.config.heartbeatIntervalMs);
    this.heartbeat.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.heartbeat);
    for (const deadline of this.pongDeadlines) clearTimeout(deadline);
    this.pongDeadlines.clear();
  }

  /** Registers a new socket and returns its connection. */
  add(socket: WebSocket, request: IncomingMessage): ClientConnection {
    const authentication = authenticationOf(request);
    if (!authentication) throw new Error('a UI socket opened without passing the upgrade check');
    const connection = new ClientConnection(
      randomUUID(),
      socket,
      request.socket,
      this.writer,
      this.config.maxQueuedBytes,
      this,
      authentication.principal,
      new SubscriptionQuota(this.config.maxSubscriptionsPerConnection),
    );
    if (authentication.expiresAt !== undefined) this.closeAtExpiry(connection, authentication.expiresAt);
    socket.on('pong', () => (connection.awaitingPong = false));
    socket.on('message', () => this.counters.messagesIn.inc());
    // The TCP socket under the WebSocket says when the kernel took the backlog: then queued messages may go.
    request.socket.on('drain', () => connection.flush());
    this.connections.set(socket, connection);
    return connection;
  }

  /** Bytes waiting in every connection's outbound queue. */
  get queuedBytes(): number {
    let bytes = 0;
    for (const connection of this.connections.values()) bytes += connection.queuedBytes;
    return bytes;
  }

  onMessageSent(): void {
    this.counters.messagesOut.inc();
  }

  onSlowConsumer(connection: ClientConnection): void {
    this.counters.slowConsumerDisconnects.inc();
    this.logger.warn({ msg: 'fell too far behind; closed with SLOW_CONSUMER', connectionId: connection.id });
  }

  /** The connection of a socket, if it is registered. */
  get(socket: WebSocket): ClientConnection | undefined {
    return this.connections.get(socket);
  }

  /** For the WebSocket exception filter: the id of the socket's connection. */
  connectionIdOf(socket: WebSocket): string | undefined {
    return this.connections.get(socket)?.id;
  }

  /** For the WebSocket exception filter: queues `message` in order with the connection's other messages. */
  sendError(socket: WebSocket, message: ErrorMessage): void {
    this.connections.get(socket)?.send(message);
  }

  /** Forgets a socket that closed and frees what was waiting for it. */
  remove(socket: WebSocket): ClientConnection | undefined {
    const connection = this.connections.get(socket);
    this.connections.delete(socket);
    connection?.dispose();
    return connection;
  }

  /** How many connections are open. */
  get size(): number {
    return this.connections.size;
  }

  /**
   * The gateway's step of a graceful stop: tells every client `status: disconnecting` and closes
   * its socket with 1001 (going away), so dashboards reconnect to another instance or retry.
   * Resolves once all have closed or `timeoutMs` has passed.
   */
  disconnectAll(timeoutMs: number): Promise<void> {
    const reason = 'server shutting down';
    const farewell: ServerMessage = { type: 'status', status: 'disconnecting', reason, serverTime: new Date().toISOString() };
    return this.closeAll(farewell, CLOSE_CODES.GOING_AWAY, reason, timeoutMs);
  }

  /**
   * Sends `farewell` to every connection, closes each with `code`, and resolves once all have
   * closed or `timeoutMs` has passed (stragglers are then terminated).
   */
  async closeAll(farewell: ServerMessage, code: CloseCode, reason: string, timeoutMs: number): Promise<void> {
    const sockets = [...this.connections.keys()];
    const closed = sockets.map(
      (socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once('close', () => resolve()))),
    );
    for (const socket of sockets) {
      this.connections.get(socket)?.send(farewell);
      socket.close(code, reason);
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([Promise.all(closed), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      const stragglers = sockets.filter((socket) => socket.readyState !== socket.CLOSED);
      this.logger.warn(`${stragglers.length} connection(s) did not close within ${timeoutMs} ms; terminating them`);
      for (const socket of stragglers) socket.terminate();
    }
  }

  private closeAtExpiry(connection: ClientConnection, expiresAt: Date): void {
    // setTimeout holds at most 2^31-1 ms (~24.8 days); a longer token is checked again then.
    const delay = Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
    const timer = setTimeout(
      () => {
        if (Date.now() < expiresAt.getTime()) return this.closeAtExpiry(connection, expiresAt);
        connection.send({
          type: 'error',
          code: 'TOKEN_EXPIRED',
          message: 'the token has expired; log in again and reconnect with since',
          timestamp: new Date().toISOString(),
        });
        connection.socket.close(1008, 'TOKEN_EXPIRED');
      },
      Math.max(0, delay),
    );
    timer.unref();
    connection.socket.once('close', () => clearTimeout(timer));
  }

  private pingAll(): void {
    for (const connection of this.connections.values()) {
      connection.awaitingPong = true;
      connection.socket.ping();
    }
    const deadline = setTimeout(() => {
      this.pongDeadlines.delete(deadline);
      for (const connection of this.connections.values()) {
        if (connection.awaitingPong && connection.isOpen) {
          this.logger.warn({ msg: 'missed its heartbeat; terminating', connectionId: connection.id });
          this.counters.heartbeatTerminations.inc();
          connection.socket.terminate();
        }
      }
    }, this.config.heartbeatTimeoutMs);
    deadline.unref();
    this.pongDeadlines.add(deadline);
  }
}
