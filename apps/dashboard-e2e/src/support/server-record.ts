import type { CallMessage, ServerMessage, SnapshotMessage } from '@tnt/protocol';
import { ProtocolClient } from '@tnt/tools/util-protocol-client';

/** A client straight to the gateway that records every message: the test's own witness. */
export class Witness {
  private constructor(private readonly client: ProtocolClient) {}

  /** Every message received so far, oldest first. */
  get messages(): readonly ServerMessage[] {
    return this.client.messages;
  }

  /** Connects with a supervisor's `token` and subscribes to every call. */
  static async watchAllCalls(wsUrl: string, token: string): Promise<Witness> {
    const client = await ProtocolClient.connect(wsUrl, { token, keepMessages: true });
    await client.subscribe('*');
    return new Witness(client);
  }

  /** Waits for a call to start after the messages seen so far; resolves with its id. */
  nextCallStart(timeoutMs = 20_000): Promise<CallMessage> {
    return this.client.next((message): message is CallMessage => message.type === 'call' && message.event === 'started', timeoutMs);
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
      if (message.type === 'subscribed')
        for (const call of message.calls ?? []) if (call.status === 'active') live.set(call.id, call.agentId);
      if (message.type === 'call' && message.event === 'started') live.set(message.call.id, message.call.agentId);
      if (message.type === 'call' && message.event === 'ended') live.delete(message.call.id);
    }
    return live;
  }

  close(): void {
    this.client.socket.terminate();
  }
}

/** The server's record of one call: a fresh connection (with a supervisor's `token`) subscribing without `since` gets its snapshot. */
export async function fetchSnapshot(wsUrl: string, token: string, callId: string): Promise<SnapshotMessage> {
  const client = await ProtocolClient.connect(wsUrl, { token });
  try {
    const [, snapshot] = await Promise.all([
      client.subscribe(callId),
      client.next((message): message is SnapshotMessage => message.type === 'snapshot' && message.callId === callId),
    ]);
    return snapshot;
  } finally {
    client.socket.terminate();
  }
}

/** Polls `check` until it returns something other than `undefined`/`false`. */
export async function waitUntil<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
