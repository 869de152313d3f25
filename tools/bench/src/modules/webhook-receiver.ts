import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP endpoint for the gateway's webhooks: answers 200 and counts deliveries by event. */
export class WebhookReceiver {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Deliveries received, by the `X-TnT-Event`-style event header (or `unknown`). */
    readonly deliveries: Map<string, number>,
  ) {}

  /** Listens on a free loopback port. */
  static async start(eventHeader: string): Promise<WebhookReceiver> {
    const deliveries = new Map<string, number>();
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const event = String(request.headers[eventHeader.toLowerCase()] ?? 'unknown');
        deliveries.set(event, (deliveries.get(event) ?? 0) + 1);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, deliveries);
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
