import { isCallMessage, type ServerMessage } from '@tnt/protocol';
import { ProtocolClient, ProtocolClientError } from '@tnt/tools/util-protocol-client';
import { setTimeout as delay } from 'node:timers/promises';
import WebSocket from 'ws';
import { LoadConnection, type ReceptionContext, type SubscriptionRequest } from './load-connection';

/** How long to wait before asking again for a call the server does not know yet. */
const CALL_NOT_FOUND_RETRY_MS = 100;

/**
 * A load connection speaking TnT's UI protocol through the shared {@link ProtocolClient} (also
 * understood by the raw `ws` baseline): waits for `status: connected`, subscribes, reads JSON text frames.
 */
export class TntProtocolConnection extends LoadConnection {
  constructor(
    url: string,
    context: ReceptionContext,
    measured: boolean,
    private readonly token?: string,
  ) {
    super(url, context, measured);
  }

  private client: ProtocolClient | undefined;
  /** Calls with a `subscribe` in flight: an `error` for one of them is that request's answer, not news. */
  private readonly subscribing = new Set<string>();

  async open(timeoutMs: number): Promise<number> {
    const startedAt = performance.now();
    const client = await ProtocolClient.connect(this.url, {
      token: this.token,
      connectTimeoutMs: timeoutMs,
      socketOptions: { perMessageDeflate: false },
      // This is the measured receive path: the protocol guards' cost per message would be counted
      // as the gateway's, so messages are only parsed, as the benchmark always did.
      validateMessages: false,
    });
    this.client = client;
    client.onMessage((message, frameBytes) => this.onMessage(message, frameBytes));
    void client.closed.then(({ code, reason, error }) => (this.closure = { code, reason: reason || (error ?? ''), at: performance.now() }));
    return performance.now() - startedAt;
  }

  async subscribe(request: SubscriptionRequest, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    this.watched.add(request.callId);
    this.subscribing.add(request.callId);
    try {
      for (;;) {
        try {
          await this.connected().subscribe(request.callId, request.since, Math.max(1, deadline - performance.now()));
          return;
        } catch (error) {
          // The call may not have reached the server yet (its ingest connection is still opening).
          const notYet = error instanceof ProtocolClientError && error.details.serverCode === 'CALL_NOT_FOUND';
          if (!notYet || performance.now() + CALL_NOT_FOUND_RETRY_MS >= deadline) throw error;
          await delay(CALL_NOT_FOUND_RETRY_MS);
        }
      }
    } finally {
      this.subscribing.delete(request.callId);
    }
  }

  pause(): void {
    this.paused = true;
    this.client?.socket.pause();
  }

  async close(): Promise<void> {
    const client = this.client;
    if (!client || client.socket.readyState === WebSocket.CLOSED) return;
    if (this.paused) {
      // A paused socket would never read the server's close frame.
      client.socket.terminate();
      await client.closed;
    } else {
      await client.close(1000, 'load test done');
    }
  }

  private connected(): ProtocolClient {
    if (!this.client) throw new Error(`${this.url}: subscribe before open`);
    return this.client;
  }

  private onMessage(message: ServerMessage, frameBytes: number): void {
    switch (message.type) {
      case 'transcript':
        return this.onTranscript(message.callId, message.seq, message.transcript.timestamp, frameBytes);
      case 'call':
        if (isCallMessage(message)) this.onCallEvent(message.call.id, message.seq, message.event === 'ended');
        return;
      case 'insight':
        // Insights (alerts, metrics, cards …) are numbered in the call's `seq` like transcripts: without
        // them the accounting would count every insight as a lost event.
        return this.onCallEvent(message.callId, message.seq, false);
      case 'error':
        if (message.callId === undefined || !this.subscribing.has(message.callId))
          console.error(`server error ${message.code}: ${message.message}`);
        return;
      default:
        return;
    }
  }
}
