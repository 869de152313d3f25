import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP endpoint for the gateway's webhooks: answers 200 and counts deliveries by event. */
export class WebhookReceiver {
  /** Deliveries received, by the `X-TnT-Event`-style event header (or `unknown`). */
  readonly deliveries = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Listens on a free loopback port. */
  static async start(eventHeader: string): Promise<WebhookReceiver> {
    let receiver: WebhookReceiver | undefined;
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const event = String(request.headers[eventHeader.toLowerCase()] ?? 'unknown');
        receiver?.deliveries.set(event, (receiver.deliveries.get(event) ?? 0) + 1);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
    return receiver;
  }

  /** Forgets what was counted (between rounds). */
  reset(): void {
    this.deliveries.clear();
  }

  /** Stops listening. */
  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
