import { isCallMessage, isErrorMessage, type ServerMessage } from '@tnt/protocol';
import WebSocket from 'ws';
import { LoadConnection, type ReceptionContext, type SubscriptionRequest } from './load-connection';

/** How long to wait before asking again for a call the server does not know yet. */
const CALL_NOT_FOUND_RETRY_MS = 100;

/**
 * A load connection speaking TnT's UI protocol over `ws` (also understood by the raw `ws`
 * baseline): waits for `status: connected`, subscribes with `subscribe`, reads JSON text frames.
 */
export class TntProtocolConnection extends LoadConnection {
  constructor(url: string, context: ReceptionContext, measured: boolean, private readonly token?: string) {
    super(url, context, measured);
  }

  private socket: WebSocket | undefined;
  private connected: (() => void) | undefined;
  /** The socket's last error; reported as the reason of an abnormal close. */
  private lastError = '';
  private readonly acknowledgements = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();

  open(timeoutMs: number): Promise<number> {
    const startedAt = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no status: connected within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.socket?.terminate();
        reject(error);
      };
      // Browsers carry the token as the `bearer, <token>` subprotocol; so does this client.
      const socket = new WebSocket(this.url, this.token ? ['bearer', this.token] : [], { perMessageDeflate: false });
      this.socket = socket;
      this.connected = () => {
        clearTimeout(timer);
        resolve(performance.now() - startedAt);
      };
      socket.once('unexpected-response', (_request, response) => fail(new Error(`HTTP ${response.statusCode} instead of an upgrade`)));
      socket.on('error', (error) => {
        this.lastError = error.message;
        if (this.connected) fail(error);
      });
      socket.on('message', (data: Buffer) => this.onFrame(data));
      socket.on('close', (code, reason) => {
        this.closure = { code, reason: reason.toString() || this.lastError, at: performance.now() };
        for (const { reject: rejectAcknowledgement } of this.acknowledgements.values()) rejectAcknowledgement(new Error(`closed with ${code}`));
        this.acknowledgements.clear();
      });
    });
  }

  async subscribe(request: SubscriptionRequest, timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    this.watched.add(request.callId);
    for (;;) {
      try {
        await this.requestSubscription(request, Math.max(1, deadline - performance.now()));
        return;
      } catch (error) {
        // The call may not have reached the server yet (its ingest connection is still opening).
        const notYet = error instanceof CallNotFound && performance.now() + CALL_NOT_FOUND_RETRY_MS < deadline;
        if (!notYet) throw error;
        await new Promise((resolve) => setTimeout(resolve, CALL_NOT_FOUND_RETRY_MS));
      }
    }
  }

  pause(): void {
    this.paused = true;
    this.socket?.pause();
  }

  close(): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      socket.once('close', () => resolve());
      if (this.paused) socket.terminate();
      else socket.close(1000, 'load test done');
    });
  }

  private requestSubscription(request: SubscriptionRequest, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acknowledgements.delete(request.callId);
        reject(new Error(`subscribe ${request.callId}: no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.acknowledgements.set(request.callId, {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.socket?.send(JSON.stringify({ type: 'subscribe', ...request }));
    });
  }

  private onFrame(data: Buffer): void {
    const message = JSON.parse(data.toString('utf8')) as ServerMessage;
    switch (message.type) {
      case 'transcript':
        return this.onTranscript(message.callId, message.seq, message.transcript.timestamp, data.length);
      case 'call':
        if (isCallMessage(message)) this.onCallEvent(message.call.id, message.seq, message.event === 'ended');
        return;
      case 'status':
        if (message.status === 'connected') this.connected?.();
        this.connected = undefined;
        return;
      case 'subscribed':
        this.acknowledgements.get(message.callId)?.resolve();
        this.acknowledgements.delete(message.callId);
        return;
      case 'error':
        this.onError(message);
        return;
      default:
        return;
    }
  }

  private onError(message: ServerMessage): void {
    if (!isErrorMessage(message)) return;
    const waiting = message.callId === undefined ? undefined : this.acknowledgements.get(message.callId);
    if (!waiting || message.callId === undefined) {
      console.error(`server error ${message.code}: ${message.message}`);
      return;
    }
    this.acknowledgements.delete(message.callId);
    waiting.reject(message.code === 'CALL_NOT_FOUND' ? new CallNotFound(message.callId) : new Error(`${message.code}: ${message.message}`));
  }
}

/** The server does not know the call (yet). */
class CallNotFound extends Error {
  constructor(callId: string) {
    super(`call ${callId} not found`);
  }
}
