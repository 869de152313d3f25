import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { applyConnectionTimeouts, type DeadlineTimer } from './connection-timeouts';

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** Deadlines that expire only when the test says so; every step is written to `events` in order. */
class ManualDeadlines implements DeadlineTimer {
  private readonly pending = new Set<() => void>();

  constructor(private readonly events: string[]) {}

  start(onExpiry: () => void, delayMs: number): () => void {
    this.events.push(`deadline armed (${delayMs} ms)`);
    this.pending.add(onExpiry);
    return () => {
      if (this.pending.delete(onExpiry)) this.events.push('deadline cancelled');
    };
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Expires every pending deadline now. */
  expireAll(): void {
    for (const onExpiry of [...this.pending]) {
      this.pending.delete(onExpiry);
      this.events.push('deadline expired');
      onExpiry();
    }
  }
}

/** A raw TCP connection; `closed` resolves with what the server said once the server ends it. */
function rawConnection(port: number, events: string[], send?: string): { socket: Socket; closed: Promise<string> } {
  let received = '';
  const socket: Socket = connect(port, '127.0.0.1', () => {
    if (send !== undefined) socket.write(send);
  });
  socket.on('data', (chunk) => (received += chunk.toString()));
  // A reset instead of a clean close is one way the server ends it; the close that follows is what is asserted.
  socket.on('error', (error) => events.push(`client error ${(error as NodeJS.ErrnoException).code}`));
  const closed = new Promise<string>((resolve) =>
    socket.on('close', () => {
      events.push('closed');
      resolve(received);
    }),
  );
  return { socket, closed };
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

  it('destroys a connection that sends no byte when its headers deadline expires, and not before', async () => {
    const events: string[] = [];
    const deadlines = new ManualDeadlines(events);
    applyConnectionTimeouts(server, { headersTimeoutMs: 300 }, deadlines);
    const port = await listen(server);
    const accepted = once(server, 'connection');
    const { socket, closed } = rawConnection(port, events);
    await accepted;
    expect(socket.destroyed).toBe(false);

    deadlines.expireAll();

    expect(await closed).toBe('');
    expect(events.filter((event) => !event.startsWith('client error'))).toEqual(['deadline armed (300 ms)', 'deadline expired', 'closed']);
  });

  it("answers 408 to an upgrade whose headers trickle in too slowly, by Node's own headers timeout", async () => {
    const events: string[] = [];
    // These deadlines never expire, so only Node's headersTimeout (which we set) can refuse it.
    const deadlines = new ManualDeadlines(events);
    applyConnectionTimeouts(server, { headersTimeoutMs: 400, checkingIntervalMs: 100 }, deadlines);
    const port = await listen(server);
    const { closed } = rawConnection(port, events, 'GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');

    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
    // The server's own close then cancels the deadline; when, relative to the client's close, is up to the network.
    expect(events[0]).toBe('deadline armed (400 ms)');
    expect(events).not.toContain('deadline expired');
  });

  it('leaves an upgraded WebSocket open long after the timeouts', async () => {
    const events: string[] = [];
    const deadlines = new ManualDeadlines(events);
    applyConnectionTimeouts(server, { headersTimeoutMs: 200, requestTimeoutMs: 300, checkingIntervalMs: 100 }, deadlines);
    const port = await listen(server);
    const client = new WebSocket(`ws://127.0.0.1:${port}/ws`);
    await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
    expect(events).toEqual(['deadline armed (200 ms)', 'deadline cancelled']);
    // Several of Node's own header/request checks run meanwhile; none may touch an upgraded socket.
    await new Promise((resolve) => setTimeout(resolve, 900));
    deadlines.expireAll();
    expect(client.readyState).toBe(WebSocket.OPEN);
    const echoed = new Promise<string>((resolve) => client.once('message', (data) => resolve(data.toString())));
    [...sockets.clients][0].send('still here');
    expect(await echoed).toBe('still here');
    client.close();
  });

  it('serves ordinary HTTP requests that arrive in time and cancels their deadline', async () => {
    const events: string[] = [];
    const deadlines = new ManualDeadlines(events);
    applyConnectionTimeouts(server, { headersTimeoutMs: 300 }, deadlines);
    const port = await listen(server);
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('ok');
    expect(events).toEqual(['deadline armed (300 ms)', 'deadline cancelled']);
    expect(deadlines.pendingCount).toBe(0);
  });

  it('closes an upgrade that nobody else handles at once instead of leaving it to the deadline', async () => {
    server.removeAllListeners('upgrade');
    const events: string[] = [];
    const deadlines = new ManualDeadlines(events);
    applyConnectionTimeouts(server, { headersTimeoutMs: 5000 }, deadlines);
    const port = await listen(server);
    const request =
      'GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    const { closed } = rawConnection(port, events, request);

    expect(await closed).toBe('');
    expect(events.filter((event) => !event.startsWith('client error'))).toEqual([
      'deadline armed (5000 ms)',
      'deadline cancelled',
      'closed',
    ]);
  });

  it('cancels the deadlines still pending when removed', async () => {
    const events: string[] = [];
    const deadlines = new ManualDeadlines(events);
    const remove = applyConnectionTimeouts(server, { headersTimeoutMs: 300 }, deadlines);
    const port = await listen(server);
    const accepted = once(server, 'connection');
    const { socket } = rawConnection(port, events);
    await accepted;

    remove();

    expect(deadlines.pendingCount).toBe(0);
    expect(events).toEqual(['deadline armed (300 ms)', 'deadline cancelled']);
    socket.destroy();
  });

  it('must run before listen, because Node reads the checking interval then', async () => {
    await listen(server);
    expect(() => applyConnectionTimeouts(server, { headersTimeoutMs: 1000 })).toThrow(/before the server listens/);
  });

  it('rejects a headers timeout below 100 ms', () => {
    expect(() => applyConnectionTimeouts(server, { headersTimeoutMs: 10 })).toThrow(
      'headersTimeoutMs must be an integer of at least 100 (got 10)',
    );
  });
});
