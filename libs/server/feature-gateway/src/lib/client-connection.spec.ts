import { transcriptSegment } from '@tnt/server/feature-sessions/testing';
import { SubscriptionQuota } from '@tnt/server/util-rate-limit';
import type { CallEventMessage, ServerMessage } from '@tnt/protocol';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { ClientConnection, type ConnectionObserver } from './client-connection';
import { BroadcastWriter } from './broadcast-writer';

const LIMIT = 256 * 1024;

function transcript(seq: number, segment: number, isFinal: boolean, text: string): CallEventMessage {
  return {
    type: 'transcript',
    callId: 'call-1',
    seq,
    transcript: transcriptSegment(`caller-u${segment}`, { text, speaker: 'caller', confidence: 0.9, isFinal, endMs: 1 }),
  };
}

describe('ClientConnection over a real socket', () => {
  let server: Server;
  let webSocketServer: WebSocketServer;
  let client: WebSocket;
  let connection: ClientConnection;
  const slow: ClientConnection[] = [];
  const observer: ConnectionObserver = { onMessageSent: () => undefined, onSlowConsumer: (cut) => slow.push(cut) };

  beforeEach(async () => {
    server = createServer();
    webSocketServer = new WebSocketServer({ server });
    const accepted = new Promise<void>((resolve) =>
      webSocketServer.once('connection', (socket, request) => {
        connection = new ClientConnection(
          'c1',
          socket,
          request.socket,
          new BroadcastWriter(),
          LIMIT,
          observer,
          { username: 'sam', role: 'supervisor' },
          new SubscriptionQuota(100),
        );
        request.socket.on('drain', () => connection.flush());
        resolve();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await new Promise((resolve) => client.once('open', resolve));
    await accepted;
  });
  afterEach(async () => {
    client.terminate();
    webSocketServer.close();
    await new Promise((resolve) => server.close(resolve));
    slow.length = 0;
  });

  it('cuts off a client that stops reading with SLOW_CONSUMER and 1013, its queue never far past the limit', async () => {
    (client as unknown as { _socket: Socket })._socket.pause();
    const text = 'x'.repeat(8 * 1024);
    let maxQueued = 0;
    for (let seq = 1; seq <= 20_000 && connection.isOpen; seq++) {
      const event = transcript(seq, seq, true, text);
      connection.deliver(JSON.stringify(event), event);
      maxQueued = Math.max(maxQueued, connection.queuedBytes);
      if (seq % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    expect(slow).toEqual([connection]);
    expect(maxQueued).toBeLessThanOrEqual(LIMIT + 16 * 1024);

    const received: ServerMessage[] = [];
    client.on('message', (data) => {
      const text = data.toString();
      if (text) received.push(JSON.parse(text));
    });
    const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
    (client as unknown as { _socket: Socket })._socket.resume();
    expect(await closed).toBe(1013);
    expect(received.at(-1)).toMatchObject({ type: 'error', code: 'SLOW_CONSUMER' });
  });

  it('while congested lets only the newest interim of a segment wait and keeps finals', async () => {
    (client as unknown as { _socket: Socket })._socket.pause();
    const filler = 'y'.repeat(16 * 1024);
    let seq = 0;
    while (connection.queuedBytes === 0) {
      const event = transcript(++seq, 1000 + seq, true, filler);
      connection.deliver(JSON.stringify(event), event);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const congestedFrom = seq + 1;
    for (const [isFinal, text] of [
      [false, 'hel'],
      [false, 'hello'],
      [false, 'hello wor'],
      [true, 'hello world'],
    ] as const) {
      const event = transcript(++seq, 1, isFinal, text);
      connection.deliver(JSON.stringify(event), event);
    }
    const received: ServerMessage[] = [];
    client.on('message', (data) => received.push(JSON.parse(data.toString())));
    (client as unknown as { _socket: Socket })._socket.resume();
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (received.some((message) => message.type === 'transcript' && message.seq === seq)) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    const segmentOne = received.filter((message) => message.type === 'transcript' && message.seq >= congestedFrom);
    expect(segmentOne.map((message) => (message.type === 'transcript' ? message.transcript.text : ''))).toEqual(['hello world']);
    expect(slow).toEqual([]);
  });
});
