import { isServerMessage, type CallMessage, type ServerMessage, type SnapshotMessage } from '@tnt/protocol';
import WebSocket from 'ws';

/** A `ws` client straight to the gateway that records every message: the test's own witness. */
export class Witness {
  readonly messages: ServerMessage[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message: unknown = JSON.parse(data.toString());
      if (!isServerMessage(message)) throw new Error(`the gateway sent a malformed message: ${data.toString()}`);
      this.messages.push(message);
    });
  }

  /** Connects with a supervisor's `token` and subscribes to every call. */
  static async watchAllCalls(wsUrl: string, token: string): Promise<Witness> {
    const socket = new WebSocket(wsUrl, ['bearer', token]);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const witness = new Witness(socket);
    socket.send(JSON.stringify({ type: 'subscribe', callId: '*' }));
    return witness;
  }

  /** Waits for a call to start after the messages seen so far; resolves with its id. */
  async nextCallStart(timeoutMs = 20_000): Promise<CallMessage> {
    const from = this.messages.length;
    return waitUntil(
      () => this.messages.slice(from).find((message): message is CallMessage => message.type === 'call' && message.event === 'started'),
      timeoutMs,
      'a call to start',
    );
  }

  /** The agent of every call seen so far, by call id. */
  agentsByCall(): Map<string, string> {
    const agents = new Map<string, string>();
    for (const message of this.messages) {
      if (message.type === 'call') agents.set(message.call.id, message.call.agentId);
      if (message.type === 'subscribed') for (const call of message.calls ?? []) agents.set(call.id, call.agentId);
    }
    return agents;
  }

  /** The calls going on now, as far as the messages seen so far say, by call id with their agent. */
  liveCalls(): Map<string, string> {
    const live = new Map<string, string>();
    for (const message of this.messages) {
      if (message.type === 'subscribed') for (const call of message.calls ?? []) if (call.status === 'active') live.set(call.id, call.agentId);
      if (message.type === 'call' && message.event === 'started') live.set(message.call.id, message.call.agentId);
      if (message.type === 'call' && message.event === 'ended') live.delete(message.call.id);
    }
    return live;
  }

  close(): void {
    this.socket.terminate();
  }
}

/** The server's record of one call: a fresh connection (with a supervisor's `token`) subscribing without `since` gets its snapshot. */
export async function fetchSnapshot(wsUrl: string, token: string, callId: string): Promise<SnapshotMessage> {
  const socket = new WebSocket(wsUrl, ['bearer', token]);
  try {
    return await new Promise<SnapshotMessage>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('open', () => socket.send(JSON.stringify({ type: 'subscribe', callId })));
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString()) as ServerMessage;
        if (message.type === 'snapshot' && message.callId === callId) resolve(message);
        if (message.type === 'error') reject(new Error(`${message.code}: ${message.message}`));
      });
    });
  } finally {
    socket.terminate();
  }
}

/** Polls `check` until it returns something other than `undefined`/`false`. */
export async function waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
