import { Logger, type LoggerService } from '@nestjs/common';
import { UserDirectory } from '@tnt/server/data-access-users';
import { loadConfig } from '@tnt/server/util-config';
import { computeTwilioSignature } from '@tnt/server/util-security';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket, { WebSocketServer } from 'ws';
import { IngestAuthenticator } from './ingest-authenticator';
import { LocalTokenService } from './local-token-service';
import { authenticationOf } from './request-principal';
import { TokenVerifier } from './token-verifier';
import { UpgradeAuthenticator } from './upgrade-authenticator';
import { guardedSocketOptions } from './ws-upgrade-options';

const INGEST_KEY = 'tnt_ingest_upgrade-test-key-000';
const TWILIO_TOKEN = 'twilio-token-for-upgrade-tests';

/** What a client saw when it tried to open a socket. */
interface Attempt {
  status: number;
  body: string;
  protocol?: string;
  socket?: WebSocket;
  headers: Record<string, string | string[] | undefined>;
}

function attempt(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    socket.once('open', () => resolve({ status: 101, body: '', protocol: socket.protocol, socket, headers: {} }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }));
    });
    socket.once('error', (error) => reject(error));
  });
}

/** Keeps every log line so the tests can check what was (not) logged. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.lines.push(String(message));
  }
}

describe('UpgradeAuthenticator with real ws servers', () => {
  const logs = new CapturingLogger();
  const serverErrors: string[] = [];
  let dataDir: string;
  let server: Server;
  let base: string;
  let tokens: LocalTokenService;
  let authenticator: UpgradeAuthenticator;
  const principals: unknown[] = [];
  const servers: WebSocketServer[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(logs);
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-upgrade-'));
    const directory = UserDirectory.inDataDir(dataDir);
    await directory.add({ username: 'sam', password: 'sam-password', role: 'supervisor' });
    await directory.add({ username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-7' });
    tokens = new LocalTokenService('upgrade-test-secret-0123456789-abcdef', 600);
    const config = loadConfig({
      TNT_MAX_CONNECTIONS_PER_USER: '2',
      TNT_MAX_CONNECTIONS_PER_IP: '50',
      TNT_PUBLIC_URL: 'https://tnt.example.com',
    });
    authenticator = new UpgradeAuthenticator(
      config,
      new TokenVerifier(tokens, directory),
      new IngestAuthenticator({ apiKeys: [INGEST_KEY], twilioAuthToken: TWILIO_TOKEN, publicUrl: config.publicUrl }),
    );
    server = createServer((_request, response) => response.end('http'));
    const byPath = new Map<string, WebSocketServer>();
    for (const path of ['/ws', '/ingest/twilio', '/ingest/l16']) {
      const sockets = new WebSocketServer({ noServer: true, ...guardedSocketOptions(path, authenticator, 1024) });
      sockets.on('connection', (socket, request: IncomingMessage) => {
        principals.push(authenticationOf(request)?.principal);
        // ws reports a protocol violation (an oversized frame) as an error, then closes with its code.
        socket.on('error', (error: Error & { code?: string }) => serverErrors.push(error.code ?? error.message));
        socket.send(`welcome to ${path}`);
      });
      byPath.set(path, sockets);
      servers.push(sockets);
    }
    server.on('upgrade', (request, socket, head) => {
      const sockets = byPath.get(new URL(request.url ?? '/', 'http://x').pathname);
      if (!sockets) {
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const sockets of servers) for (const client of sockets.clients) client.terminate();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
    Logger.overrideLogger(['error', 'warn']);
  });

  const tokenOf = async (username: string, role: 'supervisor' | 'agent', agentId?: string) =>
    (await tokens.issue({ username, role, ...(agentId ? { agentId } : {}) })).token;

  it('opens the UI socket with a token in the bearer subprotocol and answers bearer, not the token', async () => {
    const result = await attempt(`${base}/ws`, { protocols: ['bearer', await tokenOf('ana', 'agent', 'agent-7')] });
    expect(result.status).toBe(101);
    expect(result.protocol).toBe('bearer');
    expect(principals.at(-1)).toEqual({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    result.socket?.close();
  });

  it('opens the UI socket with ?token=', async () => {
    const result = await attempt(`${base}/ws?token=${await tokenOf('sam', 'supervisor')}`);
    expect(result.status).toBe(101);
    expect(result.protocol).toBe('');
    result.socket?.close();
  });

  it('refuses an upgrade without a token with 401 and a JSON body before any WebSocket exists', async () => {
    const result = await attempt(`${base}/ws`);
    expect(result.status).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(result.headers['www-authenticate']).toBe('Bearer');
  });

  it('refuses a forged token with 401 UNAUTHORIZED', async () => {
    const forged = `${(await tokenOf('sam', 'supervisor')).slice(0, -4)}AAAA`;
    const result = await attempt(`${base}/ws`, { protocols: ['bearer', forged] });
    expect([result.status, JSON.parse(result.body).code]).toEqual([401, 'UNAUTHORIZED']);
  });

  it('refuses another site’s page with 403 ORIGIN_NOT_ALLOWED, even with a valid token', async () => {
    const result = await attempt(`${base}/ws`, {
      protocols: ['bearer', await tokenOf('sam', 'supervisor')],
      headers: { origin: 'https://evil.example' },
    });
    expect([result.status, JSON.parse(result.body).code]).toEqual([403, 'ORIGIN_NOT_ALLOWED']);
  });

  it('accepts the gateway’s public origin', async () => {
    const result = await attempt(`${base}/ws`, {
      protocols: ['bearer', await tokenOf('sam', 'supervisor')],
      headers: { origin: 'https://tnt.example.com' },
    });
    expect(result.status).toBe(101);
    result.socket?.close();
  });

  it('refuses the third connection of a user with 429 TOO_MANY_CONNECTIONS and admits again after one closes', async () => {
    const token = await tokenOf('sam', 'supervisor');
    const first = await attempt(`${base}/ws`, { protocols: ['bearer', token] });
    const second = await attempt(`${base}/ws`, { protocols: ['bearer', token] });
    const third = await attempt(`${base}/ws`, { protocols: ['bearer', token] });
    expect([first.status, second.status, third.status]).toEqual([101, 101, 429]);
    expect(JSON.parse(third.body).code).toBe('TOO_MANY_CONNECTIONS');
    expect(third.headers['retry-after']).toBe('5');
    const closed = new Promise((resolve) => first.socket?.once('close', resolve));
    first.socket?.close();
    await closed;
    // The server counts a connection off when its own side closes, some moment after the client's:
    // poll for it (the deadline only stops the wait) rather than sleep a guess.
    const deadline = Date.now() + 5000;
    while (authenticator.connectionsOfUser('sam') !== 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(authenticator.connectionsOfUser('sam')).toBe(1);
    const fourth = await attempt(`${base}/ws`, { protocols: ['bearer', token] });
    expect(fourth.status).toBe(101);
    second.socket?.close();
    fourth.socket?.close();
  });

  it('opens ingest with an API key and refuses it without one, with 401', async () => {
    const withKey = await attempt(`${base}/ingest/l16`, { headers: { 'x-api-key': INGEST_KEY } });
    expect(withKey.status).toBe(101);
    withKey.socket?.close();
    const without = await attempt(`${base}/ingest/l16`);
    expect([without.status, JSON.parse(without.body).code]).toEqual([401, 'UNAUTHORIZED']);
    const userToken = await attempt(`${base}/ingest/l16`, { headers: { authorization: `Bearer ${await tokenOf('sam', 'supervisor')}` } });
    expect(userToken.status).toBe(401);
  });

  it('opens /ingest/twilio for a request signed over the public wss URL', async () => {
    const signature = computeTwilioSignature(TWILIO_TOKEN, 'wss://tnt.example.com/ingest/twilio?agent=7');
    const signed = await attempt(`${base}/ingest/twilio?agent=7`, { headers: { 'x-twilio-signature': signature } });
    expect(signed.status).toBe(101);
    signed.socket?.close();
    const replayedElsewhere = await attempt(`${base}/ingest/twilio?agent=8`, { headers: { 'x-twilio-signature': signature } });
    expect(replayedElsewhere.status).toBe(401);
  });

  it('closes an ingest socket that sends a frame above the ingest limit with 1009', async () => {
    const result = await attempt(`${base}/ingest/l16`, { headers: { 'x-api-key': INGEST_KEY } });
    const closed = new Promise<number>((resolve) => result.socket?.once('close', (code) => resolve(code)));
    result.socket?.send(Buffer.alloc(2048));
    expect(await closed).toBe(1009);
    expect(serverErrors).toContain('WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
  });

  it('logs each refusal with address, code and reason, never the credential', async () => {
    const token = await tokenOf('sam', 'supervisor');
    logs.lines.length = 0;
    await attempt(`${base}/ws?token=${token.slice(0, -3)}xyz`, { headers: { origin: 'https://evil.example' } });
    await attempt(`${base}/ingest/l16?apiKey=tnt_ingest_wrong-key-guess`);
    expect(logs.lines).toEqual([
      'upgrade /ws from 127.0.0.1 refused: 403 ORIGIN_NOT_ALLOWED: origin https://evil.example is not allowed',
      'upgrade /ingest/l16 from 127.0.0.1 refused: 401 UNAUTHORIZED: the API key is not valid',
    ]);
    expect(logs.lines.join('\n')).not.toContain(token.slice(0, 20));
    expect(logs.lines.join('\n')).not.toContain('wrong-key-guess');
  });

  it('refuses to guard a path nobody decided about', () => {
    expect(() => guardedSocketOptions('/debug', authenticator, 1024)).toThrow('no upgrade policy for WebSocket path /debug');
  });
});
