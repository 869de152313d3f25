import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the browser and the gateway (page → proxy → gateway) that a test can cut:
 * every open connection is destroyed and new ones are refused until it resumes, like a network
 * outage. It forwards bytes only, so HTTP and WebSocket pass through unchanged.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private listening = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  /** Starts a proxy on a free port of 127.0.0.1 forwarding to `targetPort`. */
  static async start(targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
    });
    const proxy = new TcpProxy(server, port, targetPort);
    server.on('connection', (client) => proxy.forward(client));
    proxy.listening = true;
    return proxy;
  }

  /** The proxy's base URL, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Connections currently forwarded (client and gateway side count one each). */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Cuts: destroys every connection and stops accepting new ones (they are refused) until {@link resume}. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!this.listening) return;
    this.listening = false;
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  /** Accepts connections again on the same port. */
  async resume(): Promise<void> {
    if (this.listening) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.listening = true;
  }

  /** Closes everything for good. */
  async stop(): Promise<void> {
    await this.cut();
  }

  private forward(client: Socket): void {
    const upstream = connect(this.targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // A reset on one side (the gateway restarting, a cut) ends the pair; that is the point of the proxy.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
