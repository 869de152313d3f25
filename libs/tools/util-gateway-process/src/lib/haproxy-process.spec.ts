import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { renderHaproxyConfig, TEST_HEALTH_CHECK } from './haproxy-config';
import { startHaproxy, type HaproxyProcess } from './haproxy-process';
import { workspaceRoot } from './workspace-root';

/**
 * A stand-in backend: answers `/readyz` with `readyStatus`, names itself on `/who`, and upgrades
 * `/ws` to a socket that greets with its name.
 */
class Backend {
  readyStatus = 200;
  readonly server: Server;
  private readonly sockets = new WebSocketServer({ noServer: true });

  constructor(readonly name: string) {
    this.server = createServer((request, response) => {
      if (request.url === '/readyz') response.writeHead(this.readyStatus).end();
      else response.writeHead(200).end(this.name);
    });
    this.server.on('upgrade', (request, socket, head) =>
      this.sockets.handleUpgrade(request, socket, head, (client) => client.send(this.name)),
    );
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    for (const client of this.sockets.clients) client.terminate();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function greetingThrough(wsUrl: string): Promise<{ name: string; socket: WebSocket }> {
  const socket = new WebSocket(wsUrl);
  return new Promise((resolve, reject) => {
    socket.once('message', (data) => resolve({ name: data.toString(), socket }));
    socket.once('error', reject);
  });
}

describe('startHaproxy', () => {
  const backends = [new Backend('a'), new Backend('b'), new Backend('c')];
  let haproxy: HaproxyProcess;

  beforeAll(async () => {
    const ports = await Promise.all(backends.map((backend) => backend.listen()));
    haproxy = await startHaproxy({ backends: ports.map((port) => ({ host: '127.0.0.1', port })) });
  });
  afterAll(async () => {
    await haproxy?.stop();
    await Promise.all(backends.map((backend) => backend.close()));
  });
  afterEach(async () => {
    for (const backend of backends) backend.readyStatus = 200;
    for (let index = 0; index < backends.length; index++) {
      await haproxy.setBackendState(index, 'ready');
      await haproxy.waitForBackendStatus(index, 'UP');
    }
  });

  it('spreads WebSocket upgrades round robin over every backend and keeps them open as tunnels', async () => {
    const greetings = await Promise.all(Array.from({ length: 6 }, () => greetingThrough(haproxy.wsUrl)));
    expect(greetings.map((greeting) => greeting.name).sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    expect(greetings.every((greeting) => greeting.socket.readyState === WebSocket.OPEN)).toBe(true);
    expect((await haproxy.servers()).map((server) => server.currentSessions)).toEqual([2, 2, 2]);
    for (const greeting of greetings) greeting.socket.close();
  });

  it('takes a backend whose /readyz answers 503 out of rotation, and back once it answers 200', async () => {
    backends[1].readyStatus = 503;
    const down = await haproxy.waitUntilBackendDown(1);
    expect(down.checkStatus).toBe('L7STS');
    const names = await Promise.all(Array.from({ length: 6 }, async () => (await fetch(`${haproxy.url}/who`)).text()));
    expect(new Set(names)).toEqual(new Set(['a', 'c']));

    backends[1].readyStatus = 200;
    await haproxy.waitForBackendStatus(1, 'UP');
  });

  it('reports a backend an operator put in maintenance, and sends it nothing', async () => {
    await haproxy.setBackendState(2, 'maint');
    expect((await haproxy.servers())[2].status).toBe('MAINT');
    const names = await Promise.all(Array.from({ length: 4 }, async () => (await fetch(`${haproxy.url}/who`)).text()));
    expect(names).not.toContain('c');
  });

  it('refuses an unknown server state with HAProxy’s own answer', async () => {
    await expect(haproxy.runtime.command('set server gateways/gateway-9 state ready')).resolves.toMatch(/No such server/i);
  });

  it('stops HAProxy and frees its port', async () => {
    const other = await startHaproxy({ backends: [{ host: '127.0.0.1', port: 1 }] });
    await other.stop();
    expect(other.child.exitCode !== null || other.child.signalCode !== null).toBe(true);
    await expect(fetch(other.url)).rejects.toThrow();
  });
});

describe('renderHaproxyConfig', () => {
  it('checks /readyz, keeps WebSockets open for the tunnel timeout and never cuts sessions of a server marked down', () => {
    const text = renderHaproxyConfig({
      frontendHost: '127.0.0.1',
      frontendPort: 8080,
      backends: [{ host: '10.0.0.5', port: 3000 }],
      runtimeSocket: '/run/haproxy.sock',
      healthCheck: TEST_HEALTH_CHECK,
      tunnelTimeoutMs: 3_600_000,
    });
    expect(text).toContain('option httpchk GET /readyz');
    expect(text).toContain('http-check expect status 200');
    expect(text).toContain('timeout tunnel 3600000');
    expect(text).toContain('server gateway-0 10.0.0.5:3000 check inter 300 fall 2 rise 2');
    expect(text).not.toMatch(/^\s*option http-server-close/m);
    expect(text).not.toMatch(/^\s*[^#\s].*shutdown-sessions/m);
  });

  it('keeps the production sample in docs/ a configuration HAProxy accepts', async () => {
    const sample = `${workspaceRoot()}/docs/haproxy.cfg`;
    const binary = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';
    const outcome = await new Promise<{ code: number | null; output: string }>((resolve) =>
      execFile(binary, ['-c', '-f', sample], (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: stdout + stderr }),
      ),
    );
    expect(outcome).toMatchObject({ code: 0 });
    expect(outcome.output).toContain('Configuration file is valid');
  });
});
