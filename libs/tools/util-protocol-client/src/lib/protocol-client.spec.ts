import type { ClientMessage, ServerMessage } from '@tnt/protocol';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ofType, ProtocolClient } from './protocol-client';

const TOKEN = 'token-1';
const timestamp = '2026-01-01T00:00:00.000Z';

/**
 * A small real server speaking the UI protocol: refuses a wrong token with HTTP 401, greets with
 * `status: connected`, answers ping/subscribe/unsubscribe, and knows only the call `known`.
 */
async function startProtocolServer(): Promise<{ url: string; peers: WebSocket[]; close(): Promise<void> }> {
  const http: Server = createServer();
  const peers: WebSocket[] = [];
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (protocols) => (protocols.has('bearer') ? 'bearer' : false),
    verifyClient: ({ req }, done) => {
      const offered = String(req.headers['sec-websocket-protocol'] ?? '')
        .split(',')
        .map((part) => part.trim());
      if (offered.includes(TOKEN)) done(true);
      else done(false, 401, 'Unauthorized');
    },
  });
  wss.on('connection', (socket, request) => {
    peers.push(socket);
    const send = (message: ServerMessage | string) => socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    if (request.url?.includes('silent')) return;
    if (request.url?.includes('close-at-once')) return socket.close(4401, 'token expired');
    send({ type: 'status', status: 'connected', protocolVersion: 1, heartbeatIntervalMs: 30_000, connectionId: 'c-1' });
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ClientMessage;
      if (message.type === 'ping') send({ type: 'pong', id: message.id, serverTime: timestamp });
      else if (message.callId !== 'known' && message.callId !== '*') {
        send({ type: 'error', code: 'CALL_NOT_FOUND', message: 'no such call', timestamp, callId: message.callId });
      } else if (message.type === 'subscribe') send({ type: 'subscribed', callId: message.callId, lastSeq: 3 });
      else send({ type: 'unsubscribed', callId: message.callId });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws`,
    peers,
    close: async () => {
      for (const peer of peers) peer.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

describe('ProtocolClient', () => {
  let server: Awaited<ReturnType<typeof startProtocolServer>>;
  const clients: ProtocolClient[] = [];
  const connect = async (url = server.url, options = {}) => {
    const client = await ProtocolClient.connect(url, { token: TOKEN, ...options });
    clients.push(client);
    return client;
  };

  beforeAll(async () => (server = await startProtocolServer()));
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(() => server.close());

  it('connects with the token as a bearer subprotocol and resolves with the greeting', async () => {
    const client = await connect();
    expect(client.socket.protocol).toBe('bearer');
    expect(client.greeting).toMatchObject({ type: 'status', status: 'connected', connectionId: 'c-1' });
  });

  it('refuses with PROTOCOL_CLIENT_ERR_REFUSED and the HTTP status when the token is wrong', async () => {
    await expect(ProtocolClient.connect(server.url, { token: 'wrong' })).rejects.toMatchObject({
      code: 'PROTOCOL_CLIENT_ERR_REFUSED',
      details: { httpStatus: 401 },
    });
  });

  it('fails with PROTOCOL_CLIENT_ERR_CLOSED and the close code when the server closes before greeting', async () => {
    await expect(ProtocolClient.connect(`${server.url}?close-at-once`, { token: TOKEN })).rejects.toMatchObject({
      code: 'PROTOCOL_CLIENT_ERR_CLOSED',
      details: { closeCode: 4401 },
    });
  });

  it('fails with PROTOCOL_CLIENT_ERR_TIMEOUT when no greeting comes', async () => {
    await expect(ProtocolClient.connect(`${server.url}?silent`, { token: TOKEN, connectTimeoutMs: 50 })).rejects.toMatchObject({
      code: 'PROTOCOL_CLIENT_ERR_TIMEOUT',
    });
  });

  it('resolves subscribe with the subscribed answer for that call', async () => {
    const client = await connect();
    await expect(client.subscribe('known')).resolves.toEqual({ type: 'subscribed', callId: 'known', lastSeq: 3 });
  });

  it('rejects subscribe with the server error code when the server answers error for that call', async () => {
    const client = await connect();
    await expect(client.subscribe('missing')).rejects.toMatchObject({
      code: 'PROTOCOL_CLIENT_ERR_SERVER_ERROR',
      details: { serverCode: 'CALL_NOT_FOUND' },
    });
  });

  it('resolves unsubscribe and ping with their answers', async () => {
    const client = await connect();
    await expect(client.unsubscribe('*')).resolves.toEqual({ type: 'unsubscribed', callId: '*' });
    await expect(client.ping('p-7')).resolves.toMatchObject({ type: 'pong', id: 'p-7' });
  });

  it('resolves next with the first matching message that arrives after the call', async () => {
    const client = await connect();
    const subscribed = client.next(ofType('subscribed'));
    client.send({ type: 'ping', id: 1 });
    client.send({ type: 'subscribe', callId: '*' });
    await expect(subscribed).resolves.toMatchObject({ type: 'subscribed', callId: '*' });
  });

  it('hands every message to listeners with its frame size, and keeps none unless asked', async () => {
    const client = await connect();
    const seen: Array<[string, number]> = [];
    client.onMessage((message, frameBytes) => seen.push([message.type, frameBytes]));
    await client.ping('p');
    expect(seen).toEqual([['pong', JSON.stringify({ type: 'pong', id: 'p', serverTime: timestamp }).length]]);
    expect(client.messages).toEqual([]);
  });

  it('keeps every message when asked, so waitFor finds one that arrived before it was called', async () => {
    const client = await connect(server.url, { keepMessages: true });
    await client.ping('early');
    await expect(client.waitFor(ofType('status'))).resolves.toBe(client.messages[0]);
    expect(client.messages.map((message) => message.type)).toEqual(['status', 'pong']);
  });

  it.each([
    ['a message of no protocol shape', JSON.stringify({ type: 'transcript', callId: 7 })],
    ['a frame that is not JSON', 'hello'],
    ['a binary frame', Buffer.from([1, 2, 3])],
  ])('closes with 1002 and rejects waiters with PROTOCOL_CLIENT_ERR_INVALID_MESSAGE on %s', async (_what, frame) => {
    const client = await connect();
    const waiting = client.next(ofType('pong'));
    server.peers[server.peers.length - 1].send(frame);
    await expect(waiting).rejects.toMatchObject({ code: 'PROTOCOL_CLIENT_ERR_INVALID_MESSAGE' });
    expect((await client.closed).code).toBe(1002);
  });

  it('rejects pending waiters with PROTOCOL_CLIENT_ERR_CLOSED when the socket closes', async () => {
    const client = await connect();
    const waiting = client.next(ofType('snapshot'));
    server.peers[server.peers.length - 1].close(1001, 'going away');
    await expect(waiting).rejects.toMatchObject({ code: 'PROTOCOL_CLIENT_ERR_CLOSED', details: { closeCode: 1001 } });
    expect(await client.closed).toEqual({ code: 1001, reason: 'going away' });
  });

  it('fails a wait started after the close at once with PROTOCOL_CLIENT_ERR_CLOSED', async () => {
    const client = await connect();
    await client.close();
    await expect(client.next(ofType('pong'), 60_000)).rejects.toMatchObject({
      code: 'PROTOCOL_CLIENT_ERR_CLOSED',
      details: { closeCode: 1000 },
    });
  });
});
