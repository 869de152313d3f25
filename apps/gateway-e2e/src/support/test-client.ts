import { isServerMessage, type CallEventMessage, type ServerMessage } from '@tnt/protocol';
import WebSocket from 'ws';

/** How a test client's socket ended. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/** A real `ws` client that records every message and lets a test wait for one. */
export class TestClient {
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<CloseInfo>;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const parsed: unknown = JSON.parse(isBinary ? '' : data.toString());
      if (!isServerMessage(parsed)) throw new Error(`server sent a malformed message: ${data.toString()}`);
      this.messages.push(parsed);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) =>
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters.splice(0)) wake();
      }),
    );
  }

  /** Opens a connection and waits for the socket to open. */
  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    const client = new TestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  /** Sends a value as JSON text. */
  send(message: unknown): void {
    this.socket.send(JSON.stringify(message));
  }

  /** Waits until a message (after index `from`) matches; resolves with it. */
  async waitFor<T extends ServerMessage>(
    matches: (message: ServerMessage) => message is T,
    timeoutMs = 15_000,
    from = 0,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(matches);
      if (found) return found;
      if (Date.now() > deadline) {
        throw new Error(`timed out; last messages: ${JSON.stringify(this.messages.slice(-5))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the next message after those already received. */
  next<T extends ServerMessage>(matches: (message: ServerMessage) => message is T, timeoutMs?: number): Promise<T> {
    return this.waitFor(matches, timeoutMs, this.messages.length);
  }

  /** Every call event received for `callId`, in arrival order. */
  eventsOf(callId: string): CallEventMessage[] {
    return this.messages.filter(
      (message): message is CallEventMessage =>
        (message.type === 'transcript' && message.callId === callId) || (message.type === 'call' && message.call.id === callId),
    );
  }

  /** Closes the connection and waits for the close. */
  async close(): Promise<CloseInfo> {
    this.socket.close(1000);
    return this.closed;
  }
}

/** Type guard factory: a message of the given `type`. */
export function ofType<K extends ServerMessage['type']>(type: K) {
  return (message: ServerMessage): message is Extract<ServerMessage, { type: K }> => message.type === type;
}
