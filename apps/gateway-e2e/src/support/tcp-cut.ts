import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay from a loopback port to a real server (PostgreSQL here) that a test can cut: every
 * relayed connection is reset and new ones are refused, as when the database host goes away, until
 * `restore` listens again on the same port.
 */
export class TcpCut {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { readonly host: string; readonly port: number },
  ) {}

  /** Starts relaying a free loopback port to `target`. */
  static async inFrontOf(target: { host: string; port: number }): Promise<TcpCut> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const relay = new TcpCut(port, target);
    await relay.restore();
    return relay;
  }

  /** True while connections are relayed. */
  get open(): boolean {
    return this.server !== undefined;
  }

  /** Resets every relayed connection and refuses new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.resetAndDestroy();
    this.sockets.clear();
    await closed;
  }

  /** Relays again, on the same port. */
  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  close(): Promise<void> {
    return this.cut();
  }

  private relay(client: Socket): void {
    const upstream = createConnection(this.target);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      // Either side failing ends both; the side that sees it (pg's pool, the server) reports it.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  }
}
