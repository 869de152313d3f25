import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A byte-for-byte TCP relay in front of one gateway that can make the gateway's `/readyz` answer
 * 503, as it does when its engine, store or bus cannot serve. The gateway has no switch for that,
 * so the fault is injected here: a connection whose first request is `GET /readyz` gets the 503
 * while `notReady` is set (health checks open a connection per check); every other byte, UI
 * sockets included, passes through untouched.
 */
export class ReadinessFault {
  /** While true, `/readyz` answers 503 `{"status":"not ready",…}`. */
  notReady = false;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly gatewayPort: number) {
    this.server = createServer((client) => this.relay(client));
  }

  /** Starts relaying a free loopback port to `gatewayPort`. */
  static async inFrontOf(gatewayPort: number): Promise<ReadinessFault> {
    const fault = new ReadinessFault(gatewayPort);
    await new Promise<void>((resolve) => fault.server.listen(0, '127.0.0.1', resolve));
    return fault;
  }

  get port(): number {
    const address = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('the relay is not listening');
    return address.port;
  }

  /** Stops relaying and cuts every relayed connection. */
  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket): void {
    this.track(client);
    // A reset from either side (a killed gateway, a client gone) ends both halves; nothing else to report.
    client.on('error', () => client.destroy());
    client.once('data', (first: Buffer) => {
      if (this.notReady && first.toString('latin1').startsWith('GET /readyz ')) {
        const body = JSON.stringify({ status: 'not ready', engine: true, store: false });
        client.end(
          'HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n' +
            `content-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
        return;
      }
      client.pause();
      const upstream = this.track(
        createConnection(this.gatewayPort, '127.0.0.1', () => {
          upstream.write(first);
          client.pipe(upstream).pipe(client);
          client.resume();
        }),
      );
      upstream.on('error', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
    });
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    return socket;
  }
}
