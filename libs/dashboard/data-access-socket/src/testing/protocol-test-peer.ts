import { PROTOCOL_VERSION, type ClientMessage, type ServerMessage } from '@tnt/protocol';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** Waits until `check` returns a value (not `undefined`), polling; fails after `timeoutMs`. */
async function eventually<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** One client connection as the test peer sees it. */
export class PeerConnection {
  /** Every message the client sent, parsed, in order. */
  readonly received: ClientMessage[] = [];
  /** Resolves with the close code once the connection is closed. */
  readonly closed: Promise<number>;

  constructor(readonly socket: WebSocket, answerPing: () => boolean) {
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
    return eventually(() => this.received.slice(from).find(matches), timeoutMs, 'a client message');
  }

  /** Cuts the connection without a closing handshake, like a network failure. */
  terminate(): void {
    this.socket.terminate();
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

  private constructor(private readonly server: WebSocketServer, private readonly heartbeatIntervalMs: number, answerPings: boolean) {
    this.answerPings = answerPings;
    this.port = (server.address() as AddressInfo).port;
    let connectionNumber = 0;
    server.on('connection', (socket) => {
      const connection = new PeerConnection(socket, () => this.answerPings);
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
    const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 0, path: '/ws' });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new ProtocolTestPeer(server, options.heartbeatIntervalMs ?? 30_000, options.answerPings ?? true);
  }

  /** The URL a client connects to. */
  get url(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  /** Waits for the `index`-th connection (0-based) to be accepted. */
  connection(index: number, timeoutMs = 5000): Promise<PeerConnection> {
    return eventually(() => this.connections[index], timeoutMs, `connection #${index + 1}`);
  }

  /** Cuts every connection and stops listening; harmless when already stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const connection of this.connections) connection.terminate();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
