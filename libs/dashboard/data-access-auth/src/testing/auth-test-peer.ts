import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { UserRole } from '@tnt/protocol';

/** An account the peer signs in. */
export interface TestAccount {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  readonly agentId?: string;
}

/** A request the peer received, for assertions (the body's password is kept: these are test accounts). */
export interface ReceivedAuthRequest {
  readonly method: string;
  readonly path: string;
  readonly authorization?: string;
  readonly body?: unknown;
}

interface IssuedToken {
  readonly account: TestAccount;
  state: 'valid' | 'expired' | 'revoked';
}

const TOKEN_TTL_MS = 8 * 3600_000;

/**
 * A real HTTP server on 127.0.0.1 playing the gateway's auth API as far as a test scripts it:
 * `POST /api/auth/login` checks the accounts it was given and issues random tokens, `GET
 * /api/auth/me` answers for them (`TOKEN_EXPIRED` once a test expires one). It answers CORS
 * preflights because the page under test (jsdom at http://localhost) is another origin. It is a
 * test peer, not the gateway; browser end-to-end tests use the real gateway.
 */
export class AuthTestPeer {
  /** Every request, oldest first. */
  readonly requests: ReceivedAuthRequest[] = [];
  private readonly tokens = new Map<string, IssuedToken>();
  private rateLimitSeconds: number | undefined;
  private malformedLogin: { readonly body: unknown } | undefined;
  private stopped = false;

  private constructor(
    private readonly server: Server,
    private readonly accounts: readonly TestAccount[],
  ) {
    server.on('request', (request, response) => {
      this.answer(request, response).catch((error: unknown) => {
        console.error('AuthTestPeer: could not answer', error);
        this.reply(response, 500, { code: 'INTERNAL_ERROR', message: String(error) });
      });
    });
  }

  /** Starts a peer on a free port that signs in `accounts`. */
  static async start(accounts: readonly TestAccount[]): Promise<AuthTestPeer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new AuthTestPeer(server, accounts);
  }

  /** The base URL of the auth API, for `provideAuth({ apiUrl })`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/auth`;
  }

  /** Answers every login with 429 and `Retry-After: seconds` until {@link stopRateLimiting}. */
  rateLimit(seconds: number): void {
    this.rateLimitSeconds = seconds;
  }

  /** Answers every login with 200 and `body` instead of a session, like a gateway of another version. */
  answerLoginsWith(body: unknown): void {
    this.malformedLogin = { body };
  }

  /** Answers logins normally again. */
  stopRateLimiting(): void {
    this.rateLimitSeconds = undefined;
  }

  /** From now on `/me` answers `TOKEN_EXPIRED` for this token. */
  expire(token: string): void {
    this.issued(token).state = 'expired';
  }

  /** From now on `/me` answers `UNAUTHORIZED` for this token (its user was removed). */
  revoke(token: string): void {
    this.issued(token).state = 'revoked';
  }

  /** True while the token is issued here and neither expired nor revoked (for a socket peer's `acceptsToken`). */
  accepts(token: string | undefined): boolean {
    return token !== undefined && this.tokens.get(token)?.state === 'valid';
  }

  /** Tokens issued to `username`, oldest first. */
  tokensOf(username: string): string[] {
    return [...this.tokens].filter(([, issued]) => issued.account.username === username).map(([token]) => token);
  }

  /** Stops listening (later requests find nobody: the server is unreachable); harmless when already stopped. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private issued(token: string): IssuedToken {
    const issued = this.tokens.get(token);
    if (!issued) throw new Error('the peer did not issue this token');
    return issued;
  }

  private async answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'content-type, authorization');
    response.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    if (request.method === 'OPTIONS') return this.reply(response, 204);
    const path = (request.url ?? '').split('?')[0];
    const authorization = request.headers.authorization;
    const text = await new Promise<string>((resolve, reject) => {
      let collected = '';
      request.on('data', (chunk: Buffer) => (collected += chunk.toString()));
      request.on('end', () => resolve(collected));
      request.on('error', reject);
    });
    const body: unknown = text === '' ? undefined : JSON.parse(text);
    this.requests.push({
      method: request.method ?? '',
      path,
      ...(authorization ? { authorization } : {}),
      ...(body !== undefined ? { body } : {}),
    });
    if (request.method === 'POST' && path === '/api/auth/login') return this.login(response, body);
    if (request.method === 'GET' && path === '/api/auth/me') return this.me(response, authorization);
    this.reply(response, 404, { code: 'NOT_FOUND', message: `no route ${request.method} ${path}` });
  }

  private login(response: ServerResponse, body: unknown): void {
    const { username, password } = (body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof username !== 'string' || username === '')
      return this.reply(response, 400, { code: 'VALIDATION_FAILED', message: 'username must be a non-empty string' });
    if (typeof password !== 'string' || password === '')
      return this.reply(response, 400, { code: 'VALIDATION_FAILED', message: 'password must be a non-empty string' });
    if (this.rateLimitSeconds !== undefined) {
      response.setHeader('Retry-After', String(this.rateLimitSeconds));
      return this.reply(response, 429, { code: 'RATE_LIMITED', message: 'too many login attempts; try again later' });
    }
    if (this.malformedLogin) return this.reply(response, 200, this.malformedLogin.body);
    const account = this.accounts.find((candidate) => candidate.username === username && candidate.password === password);
    if (!account) return this.reply(response, 401, { code: 'UNAUTHORIZED', message: 'invalid username or password' });
    const token = `test-token-${randomBytes(12).toString('base64url')}`;
    this.tokens.set(token, { account, state: 'valid' });
    this.reply(response, 200, {
      token,
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS).toISOString(),
      username: account.username,
      role: account.role,
      ...(account.agentId !== undefined ? { agentId: account.agentId } : {}),
    });
  }

  private me(response: ServerResponse, authorization: string | undefined): void {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (issued?.state === 'expired')
      return this.reply(response, 401, { code: 'TOKEN_EXPIRED', message: 'the token has expired; log in again' });
    if (!issued || issued.state === 'revoked')
      return this.reply(response, 401, { code: 'UNAUTHORIZED', message: 'a valid token is required' });
    const { username, role, agentId } = issued.account;
    this.reply(response, 200, { username, role, ...(agentId !== undefined ? { agentId } : {}) });
  }

  private reply(response: ServerResponse, status: number, body?: unknown): void {
    response.statusCode = status;
    if (body !== undefined) response.setHeader('Content-Type', 'application/json');
    response.end(body === undefined ? undefined : JSON.stringify(body));
  }
}
