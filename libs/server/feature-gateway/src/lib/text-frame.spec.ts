import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { textFrame } from './text-frame';

describe('textFrame, read by a real ws client', () => {
  let server: Server;
  let sockets: WebSocketServer;
  let wire: Socket;
  let client: WebSocket;

  beforeEach(async () => {
    server = createServer();
    sockets = new WebSocketServer({ server });
    const accepted = once(sockets, 'connection') as Promise<[WebSocket, { socket: Socket }]>;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
    wire = (await accepted)[1].socket;
    if (client.readyState !== WebSocket.OPEN) await once(client, 'open');
  });
  afterEach(async () => {
    client.terminate();
    sockets.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('carries texts of every length encoding (7-bit, 16-bit, 64-bit) and multi-byte characters intact, in order', async () => {
    const texts = ['{"type":"status"}', `{"text":"${'é'.repeat(100)}"}`, 'x'.repeat(65_535 - 2), 'Grüße, 通話 ☎', 'y'.repeat(70_000)];
    const received: string[] = [];
    client.on('message', (data: Buffer, isBinary: boolean) => received.push(isBinary ? '(binary)' : data.toString('utf8')));
    for (const text of texts) wire.write(textFrame(text));
    const deadline = Date.now() + 5000;
    while (received.length < texts.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(texts);
  });
});

describe('textFrame', () => {
  it('uses the shortest length encoding', () => {
    expect(textFrame('a'.repeat(125)).length).toBe(2 + 125);
    expect(textFrame('a'.repeat(126)).length).toBe(4 + 126);
    expect(textFrame('a'.repeat(65_536)).length).toBe(10 + 65_536);
  });
});
