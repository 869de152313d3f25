import type { ClientMessage, ServerMessage } from '@tnt/protocol';
import type { Conversation } from '@tnt/tools/util-speech';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { WebSocketServer } from 'ws';
import { runSimulation } from './run-simulation';
import { UpgradeRefused } from './upgrade-refused';

/** What HAProxy 2.6 sends when no server of the backend is up (its built-in 503 page). */
const HAPROXY_503 = [
  'HTTP/1.1 503 Service Unavailable',
  'content-length: 107',
  'cache-control: no-cache',
  'content-type: text/html',
  'connection: close',
  '',
  '<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n',
].join('\r\n');
/** A refusal that is not "try again later": a wrong key. */
const HTTP_401 = 'HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\nconnection: close\r\n\r\n';

/**
 * A real local server in front of "the gateway": `/ws` speaks the UI protocol (greets, answers
 * `subscribe`), and every `/ingest/l16` upgrade is answered with `answer` — HAProxy's 503 with
 * every instance out of rotation, or another refusal — and counted.
 */
async function startRefusingServer(answer: string): Promise<{ baseUrl: string; ingestUpgrades: () => number; close(): Promise<void> }> {
  const http: Server = createServer();
  const ui = new WebSocketServer({ noServer: true, handleProtocols: () => 'bearer' });
  const sockets = new Set<Duplex>();
  let ingestUpgrades = 0;
  http.on('upgrade', (request, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    if (request.url?.startsWith('/ws')) return ui.handleUpgrade(request, socket, head, (client) => ui.emit('connection', client));
    ingestUpgrades++;
    socket.end(answer);
  });
  ui.on('connection', (client) => {
    const send = (message: ServerMessage) => client.send(JSON.stringify(message));
    send({ type: 'status', status: 'connected', protocolVersion: 1, heartbeatIntervalMs: 30_000, connectionId: 'c-1' });
    client.on('message', (data) => {
      const message = JSON.parse(data.toString()) as ClientMessage;
      if (message.type === 'subscribe') send({ type: 'subscribed', callId: message.callId });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ingestUpgrades: () => ingestUpgrades,
    close: async () => {
      for (const client of ui.clients) client.terminate();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => ui.close(resolve));
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

const silence = new Int16Array(8000);
const conversation: Conversation = {
  directory: '/fixtures/silence',
  sampleRate: 8000,
  caller: silence,
  agent: silence,
  stereo: new Int16Array(16000),
  script: { name: 'silence', title: 'Silence', sampleRate: 8000, durationMs: 1000, voices: { caller: 'slt', agent: 'rms' }, turns: [] },
};
const common = {
  endpoint: 'l16',
  conversations: [conversation],
  speed: 1,
  credentials: { ingestApiKey: 'key', token: 'token' },
} as const;

describe('runSimulation against refused upgrades', () => {
  const servers: { close(): Promise<void> }[] = [];
  const start = async (answer: string) => {
    const server = await startRefusingServer(answer);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it("redials after a load balancer's HTTP 503 when asked to, as after a gateway's 1013", async () => {
    const server = await start(HAPROXY_503);
    const refusals: UpgradeRefused[] = [];
    await runSimulation({
      ...common,
      baseUrl: server.baseUrl,
      calls: 2,
      loop: true,
      signal: AbortSignal.timeout(600),
      redialAfterRefusalMs: 50,
      onUpgradeRefused: (refusal) => refusals.push(refusal),
    });
    expect(refusals.length).toBeGreaterThanOrEqual(4);
    expect(refusals.length).toBe(server.ingestUpgrades());
    expect(refusals.every((refusal) => refusal instanceof UpgradeRefused && refusal.status === 503)).toBe(true);
  });

  it('fails the run with the HTTP status when the 503 is not taken as a refusal', async () => {
    const server = await start(HAPROXY_503);
    const run = runSimulation({ ...common, baseUrl: server.baseUrl, calls: 1 });
    await expect(run).rejects.toBeInstanceOf(UpgradeRefused);
    await expect(run).rejects.toMatchObject({ status: 503, serviceUnavailable: true });
  });

  it('does not redial after another status, even when 503s are taken as refusals', async () => {
    const server = await start(HTTP_401);
    const run = runSimulation({ ...common, baseUrl: server.baseUrl, calls: 1, loop: true, onUpgradeRefused: () => undefined });
    await expect(run).rejects.toMatchObject({ status: 401, serviceUnavailable: false });
  });

  it("stops every line at the first line's failure, so none streams on after the run has failed", async () => {
    const server = await start(HTTP_401);
    const run = runSimulation({ ...common, baseUrl: server.baseUrl, calls: 3, staggerMs: 150, loop: true });
    await expect(run).rejects.toMatchObject({ status: 401 });
    // Lines 1 and 2 were still waiting for their start (150 ms, 300 ms) when line 0 failed.
    await delay(450);
    expect(server.ingestUpgrades()).toBe(1);
  });

  it('reports each failed call and lets the lines go on when asked to', async () => {
    const server = await start(HTTP_401);
    const failures: unknown[] = [];
    await runSimulation({
      ...common,
      baseUrl: server.baseUrl,
      calls: 2,
      loop: true,
      signal: AbortSignal.timeout(300),
      redialAfterRefusalMs: 50,
      onCallFailed: (failure) => {
        failures.push(failure.error);
        expect(failure.stage).toBe('streaming');
      },
    });
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(failures.length).toBe(server.ingestUpgrades());
  });
});
