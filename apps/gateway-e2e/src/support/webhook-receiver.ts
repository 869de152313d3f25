import { isWebhookEvent, type WebhookEvent } from '@tnt/protocol';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

/** One POST the receiver took, with what the test checks of it. */
export interface ReceivedWebhook {
  readonly idempotencyKey: string;
  readonly eventHeader: string;
  readonly body: string;
  readonly event: WebhookEvent;
  /** Whether `TnT-Signature` verified (HMAC-SHA256 of `<t>.<body>`, computed here with node:crypto) within 5 minutes. */
  readonly signatureValid: boolean;
  /** The status the receiver answered. */
  readonly answered: number;
}

/**
 * A real webhook receiver on a local port (node:http), as a customer would run one: it verifies
 * each request's signature itself and answers what the test sets (`answer = 503` for an outage).
 * `close()` makes the port refuse connections; `listen()` takes the same port again.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** The status the next requests get. */
  answer = 200;
  private server: Server | undefined;

  constructor(
    readonly port: number,
    private readonly secret: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/tnt`;
  }

  async listen(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const event = JSON.parse(body) as unknown;
        if (!isWebhookEvent(event)) throw new Error(`the receiver got a body that is not a webhook event: ${body}`);
        this.received.push({
          idempotencyKey: String(request.headers['tnt-idempotency-key']),
          eventHeader: String(request.headers['tnt-event']),
          body,
          event,
          signatureValid: this.verifies(String(request.headers['tnt-signature']), body),
          answered: this.answer,
        });
        response.writeHead(this.answer).end();
      });
    });
    await new Promise<void>((listening) => server.listen(this.port, '127.0.0.1', listening));
    this.server = server;
  }

  /** Stops listening: connections to the port are refused until `listen()` again. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((closed) => server.close(closed));
  }

  /** The deliveries the receiver accepted (answered 2xx), by idempotency key. */
  accepted(): Map<string, ReceivedWebhook> {
    return new Map(this.received.filter((webhook) => webhook.answered < 300).map((webhook) => [webhook.idempotencyKey, webhook]));
  }

  private verifies(header: string, body: string): boolean {
    const fields = new Map(header.split(',').map((part) => part.split('=') as [string, string]));
    const t = Number(fields.get('t'));
    const v1 = fields.get('v1') ?? '';
    if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300 || !/^[0-9a-f]{64}$/.test(v1)) return false;
    const expected = createHmac('sha256', this.secret).update(`${t}.${body}`).digest();
    return timingSafeEqual(expected, Buffer.from(v1, 'hex'));
  }
}
