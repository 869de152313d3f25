import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { applyConnectionTimeouts } from './connection-timeouts';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Opens a raw TCP connection and resolves, when the server ends it, with how long that took and what it said. */
function rawConnection(port: number, send?: string): Promise<{ afterMs: number; received: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    let received = '';
    const socket: Socket = connect(port, '127.0.0.1', () => {
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ afterMs: performance.now() - started, received }));
  });
}

describe('applyConnectionTimeouts', () => {
  let server: Server;
  let sockets: WebSocketServer;

  beforeEach(() => {
    server = createServer((_request, response) => response.end('ok'));
    sockets = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws)));
  });

  afterEach(async () => {
    for (const client of sockets.clients) client.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('destroys a connection that sends no byte within the headers timeout', async () => {
    applyConnectionTimeouts(server, { headersTimeoutMs: 300 });
    const port = await listen(server);
    const { afterMs, received } = await rawConnection(port);
    expect(received).toBe('');
    expect(afterMs).toBeGreaterThanOrEqual(280);
    expect(afterMs).toBeLessThan(1500);
  });

  it('answers 408 to an upgrade whose headers trickle in too slowly', async () => {
    applyConnectionTimeouts(server, { headersTimeoutMs: 400, checkingIntervalMs: 100 });
    const port = await listen(server);
    const { afterMs, received } = await rawConnection(port, 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
    expect(afterMs).toBeGreaterThanOrEqual(380);
    expect(afterMs).toBeLessThan(1500);
    // Either Node's 408 or the first-request timer's destroy ends it; both are a refusal.
    expect(received === '' || received.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('leaves an upgraded WebSocket open long after the timeouts', async () => {
    applyConnectionTimeouts(server, { headersTimeoutMs: 200, requestTimeoutMs: 300, checkingIntervalMs: 100 });
    const port = await listen(server);
    const client = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    await new Promise((resolve) => setTimeout(resolve, 900));
    expect(client.readyState).toBe(WebSocket.OPEN);
    const echoed = new Promise<string>((resolve) => client.once('message', (data) => resolve(data.toString())));
    [...sockets.clients][0].send('still here');
    expect(await echoed).toBe('still here');
    client.close();
  });

  it('serves ordinary HTTP requests that arrive in time', async () => {
    applyConnectionTimeouts(server, { headersTimeoutMs: 300 });
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('ok');
  });

  it('closes an upgrade that nobody else handles instead of leaving it hanging', async () => {
    server.removeAllListeners('upgrade');
    applyConnectionTimeouts(server, { headersTimeoutMs: 5000 });
    const port = await listen(server);
    const request =
      'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    const { afterMs } = await rawConnection(port, request);
    expect(afterMs).toBeLessThan(1000);
  });

  it('must run before listen, because Node reads the checking interval then', async () => {
    await listen(server);
    expect(() => applyConnectionTimeouts(server, { headersTimeoutMs: 1000 })).toThrow(/before the server listens/);
  });

  it('rejects a headers timeout below 100 ms', () => {
    expect(() => applyConnectionTimeouts(server, { headersTimeoutMs: 10 })).toThrow('headersTimeoutMs must be an integer of at least 100 (got 10)');
  });
});
