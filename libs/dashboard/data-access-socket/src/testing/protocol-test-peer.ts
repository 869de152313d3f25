import { CLOSE_CODES, ERROR_CODES, PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '@tnt/protocol';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { BEARER_SUBPROTOCOL } from '../lib/socket-credentials';
import { eventually } from '@tnt/shared/util-testing/eventually';

/** The token a client offered as `Sec-WebSocket-Protocol: bearer, <token>`, if any. */
export function offeredBearerToken(request: IncomingMessage): string | undefined {
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
  return offered[0] === BEARER_SUBPROTOCOL && offered.length === 2 ? offered[1] : undefined;
}

/** One client connection as the test peer sees it. */
export class PeerConnection {
  /** Every message the client sent, parsed, in order. */
  readonly received: ClientMessage[] = [];
  /** Resolves with the close code once the connection is closed. */
  readonly closed: Promise<number>;
  /** `Date.now()` when the peer accepted the connection; its greeting goes out right after. */
  readonly acceptedAt = Date.now();

  /**
   * @param token the bearer token the client offered on the upgrade
   * @param url the request target of the upgrade (path and query)
   */
  constructor(
    readonly socket: WebSocket,
    answerPing: () => boolean,
    readonly token?: string,
    readonly url?: string,
  ) {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ClientMessage;
      this.received.push(message);
      if (message.type === 'ping' && answerPing()) {
        this.send({ type: 'pong', ...(message.id !== undefined ? { id: message.id } : {}), serverTime: new Date().toISOString() });
      }
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  /** Sends a server message. */
  send(message: ServerMessage): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Sends raw text, e.g. a malformed frame. */
  sendRaw(text: string): void {
    this.socket.send(text);
  }

  /** Waits for a client message after the first `from` that matches. */
  waitFor<T extends ClientMessage>(matches: (message: ClientMessage) => message is T, timeoutMs = 3000, from = 0): Promise<T> {
    return eventually(() => this.received.slice(from).find(matches), 'a client message', { timeoutMs });
  }

  /** Cuts the connection without a closing handshake, like a network failure. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Does what the gateway does when the connection's token expires: `error TOKEN_EXPIRED`, then close 1008. */
  expireToken(): void {
    this.send({
      type: 'error',
      code: ERROR_CODES.TOKEN_EXPIRED,
      message: 'the token has expired; log in again and reconnect with since',
      timestamp: new Date().toISOString(),
    });
    this.socket.close(CLOSE_CODES.POLICY_VIOLATION, 'TOKEN_EXPIRED');
  }
}

/** Options of {@link ProtocolTestPeer.start}. */
export interface ProtocolTestPeerOptions {
  /** Announced in the greeting; the client pings at this interval. */
  readonly heartbeatIntervalMs?: number;
  /** Whether `ping` is answered with `pong` (can be changed later). */
  readonly answerPings?: boolean;
  /** Listen on this port (e.g. to come back on the same port after {@link ProtocolTestPeer.stop}). */
  readonly port?: number;
  /**
   * Checks the bearer token of each upgrade, like the gateway: an upgrade it returns false for
   * is refused with HTTP 401 before the WebSocket opens. Unset: every upgrade is accepted.
   */
  readonly acceptsToken?: (token: string | undefined) => boolean;
}

/**
 * A real `ws` WebSocketServer on 127.0.0.1 playing the gateway's side of the UI-socket protocol
 * as far as a test scripts it: it greets each connection like the gateway (`status: connected`
 * with `heartbeatIntervalMs`), answers pings, records what the client sends, and the test sends
 * the rest. It is a test peer, not the gateway; browser end-to-end tests use the real gateway.
 */
export class ProtocolTestPeer {
  /** Every connection accepted, oldest first. */
  readonly connections: PeerConnection[] = [];
  /** Whether pings are answered. */
  answerPings: boolean;
  /** The port the peer listens (or listened) on. */
  readonly port: number;
  private stopped = false;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly heartbeatIntervalMs: number,
    answerPings: boolean,
    /** Upgrades refused for their token, oldest first (the token offered, if any). */
    readonly refusedUpgrades: (string | undefined)[],
  ) {
    this.answerPings = answerPings;
    this.port = (server.address() as AddressInfo).port;
    let connectionNumber = 0;
    server.on('connection', (socket, request) => {
      const connection = new PeerConnection(socket, () => this.answerPings, offeredBearerToken(request), request.url);
      this.connections.push(connection);
      connection.send({
        type: 'status',
        status: 'connected',
        protocolVersion: PROTOCOL_VERSION,
        heartbeatIntervalMs: this.heartbeatIntervalMs,
        connectionId: `peer-connection-${++connectionNumber}`,
        serverTime: new Date().toISOString(),
      });
    });
  }

  /** Starts a peer on a free port (or `options.port`). */
  static async start(options: ProtocolTestPeerOptions = {}): Promise<ProtocolTestPeer> {
    const acceptsToken = options.acceptsToken;
    const refusedUpgrades: (string | undefined)[] = [];
    const server = new WebSocketServer({
      host: '127.0.0.1',
      port: options.port ?? 0,
      path: '/ws',
      // Like the gateway: answer `bearer` so that the browser accepts the connection, never echo the token.
      handleProtocols: (protocols) => (protocols.has(BEARER_SUBPROTOCOL) ? BEARER_SUBPROTOCOL : false),
      verifyClient: acceptsToken
        ? ({ req }, done) => {
            const token = offeredBearerToken(req);
            if (acceptsToken(token)) return done(true);
            refusedUpgrades.push(token);
            done(false, 401, 'Unauthorized');
          }
        : undefined,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new ProtocolTestPeer(server, options.heartbeatIntervalMs ?? 30_000, options.answerPings ?? true, refusedUpgrades);
  }

  /** The URL a client connects to. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Waits for the `index`-th connection (0-based) to be accepted. */
  connection(index: number, timeoutMs = 5000): Promise<PeerConnection> {
    return eventually(() => this.connections[index], `connection #${index + 1}`, { timeoutMs });
  }

  /** Cuts every connection and stops listening; harmless when already stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const connection of this.connections) connection.terminate();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
