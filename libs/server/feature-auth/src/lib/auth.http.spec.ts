import 'reflect-metadata';
import { Controller, Get, Logger, Module, Param, UseFilters, UseGuards, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LOGIN_RESPONSE, ME_RESPONSE, validate } from '@tnt/protocol';
import { UserDirectory } from '@tnt/server/data-access-users';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { SignJWT } from 'jose';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthModule } from './auth.module';
import { BearerAuthGuard } from './bearer-auth.guard';
import { canSeeCall, type Principal } from './principal';
import { CurrentPrincipal, RequireRoles } from './roles.decorator';

/** A stand-in for the history API: one route for supervisors, one scoped per call. */
@Controller('api/test')
@UseGuards(BearerAuthGuard)
@UseFilters(HttpExceptionFilter)
class ProtectedController {
  @Get('supervisors-only')
  @RequireRoles('supervisor')
  supervisorsOnly(@CurrentPrincipal() principal: Principal): { username: string } {
    return { username: principal.username };
  }

  @Get('calls/:agentId')
  call(@CurrentPrincipal() principal: Principal, @Param('agentId') agentId: string): { visible: boolean } {
    return { visible: canSeeCall(principal, { agentId }) };
  }
}

/** The JSON answers these tests read (each route fills some of the fields). */
interface Answer {
  token: string;
  expiresAt: string;
  code: string;
  message: string;
  visible: boolean;
  [field: string]: unknown;
}

const json = (response: Response): Promise<Answer> => response.json() as Promise<Answer>;

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  warn(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown, stack?: unknown): void {
    this.lines.push(`${String(message)} ${String(stack ?? '')}`);
  }
}

describe('POST /api/auth/login, GET /api/auth/me and the guard, over real HTTP', () => {
  const logs = new CapturingLogger();
  let dataDir: string;
  let app: INestApplication;
  let base: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-auth-http-'));
    const directory = UserDirectory.inDataDir(dataDir);
    await directory.add({ username: 'sam', password: 'sam-password-1', role: 'supervisor' });
    await directory.add({ username: 'ana', password: 'ana-password-1', role: 'agent', agentId: 'agent-7' });
    const config = loadConfig({ TNT_DATA_DIR: dataDir, TNT_LOGIN_ATTEMPTS_PER_MINUTE: '30', TNT_TOKEN_TTL_SECONDS: '600' });
    @Module({ imports: [ConfigModule.forRoot(config), AuthModule], controllers: [ProtectedController] })
    class TestModule {}
    app = await NestFactory.create(TestModule, { logger: logs });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    Logger.overrideLogger(['error', 'warn']);
    await rm(dataDir, { recursive: true, force: true });
  });

  const login = (body: unknown) =>
    fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('logs a supervisor in and answers token, expiry and role, uncacheable', async () => {
    const response = await login({ username: 'sam', password: 'sam-password-1' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await json(response);
    expect(body).toEqual({ token: expect.stringMatching(/^eyJ/), expiresAt: expect.any(String), username: 'sam', role: 'supervisor' });
    const expiresIn = Date.parse(body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(590_000);
    expect(expiresIn).toBeLessThanOrEqual(600_000);
  });

  it('answers an agent with its agentId, in the shape of the protocol', async () => {
    const body = await json(await login({ username: 'ANA', password: 'ana-password-1' }));
    expect(body).toMatchObject({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    expect(validate(LOGIN_RESPONSE, body)).toEqual({ ok: true, value: body });
  });

  it('answers the same generic 401 for a wrong password and an unknown user', async () => {
    const wrongPassword = await login({ username: 'sam', password: 'not-the-password' });
    const unknownUser = await login({ username: 'nobody', password: 'sam-password-1' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    const expected = { code: 'UNAUTHORIZED', message: 'invalid username or password' };
    expect(await wrongPassword.json()).toEqual(expected);
    expect(await unknownUser.json()).toEqual(expected);
  });

  it.each([
    [{ password: 'x' }, 'username must be a string of 1 to 64 characters'],
    [{ username: '', password: 'x' }, 'username must be a string of 1 to 64 characters'],
    [{ username: 'sam', password: 42 }, 'password must be a string of 1 to 1024 characters'],
    [{ username: 'sam', password: 'x', admin: true }, 'admin is not a known field (known: username, password)'],
    [{ username: 'x'.repeat(65), password: 'x' }, 'username must be a string of 1 to 64 characters'],
    [['sam', 'pw'], 'the body must be a JSON object (Content-Type: application/json)'],
  ])('answers 400 VALIDATION_FAILED naming the field for %j', async (body, message) => {
    const response = await login(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'VALIDATION_FAILED', message });
  });

  it('answers malformed JSON with 400 and no stack trace or file path', async () => {
    const response = await login('{"username": "sam", "password": ');
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toMatch(/at \w+ \(|node_modules|\.js:\d+/);
  });

  it('never writes a password or a token into the log', async () => {
    const body = await json(await login({ username: 'sam', password: 'sam-password-1' }));
    await login({ username: 'sam', password: 'secret-guess-123' });
    await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${body.token}x` } });
    const logged = logs.lines.join('\n');
    expect(logged).toContain('sam (supervisor) logged in from');
    expect(logged).toContain('login failed for "sam" from');
    expect(logged).not.toContain('sam-password-1');
    expect(logged).not.toContain('secret-guess-123');
    expect(logged).not.toContain(body.token.slice(0, 30));
  });

  it('tells the bearer who they are with GET /api/auth/me, in the shape of the protocol', async () => {
    const { token, expiresAt } = await json(await login({ username: 'ana', password: 'ana-password-1' }));
    const response = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const body: unknown = await response.json();
    expect(body).toEqual({ username: 'ana', role: 'agent', agentId: 'agent-7', expiresAt });
    expect(validate(ME_RESPONSE, body)).toEqual({ ok: true, value: body });
  });

  it('answers 401 with WWW-Authenticate without a token, and TOKEN_EXPIRED for an expired one', async () => {
    const missing = await fetch(`${base}/api/auth/me`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect((await json(missing)).code).toBe('UNAUTHORIZED');
    const secret = (await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim();
    const expired = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('sam')
      .setIssuer('tnt')
      .setAudience('tnt')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 5)
      .sign(new TextEncoder().encode(secret));
    const response = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${expired}` } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await response.json()).toEqual({ code: 'TOKEN_EXPIRED', message: 'the token has expired; log in again' });
  });

  it('answers 403 FORBIDDEN when a role-restricted route is called by an agent, and lets a supervisor in', async () => {
    const agent = (await json(await login({ username: 'ana', password: 'ana-password-1' }))).token;
    const supervisor = (await json(await login({ username: 'sam', password: 'sam-password-1' }))).token;
    const refused = await fetch(`${base}/api/test/supervisors-only`, { headers: { authorization: `Bearer ${agent}` } });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: 'FORBIDDEN', message: 'this needs the role supervisor' });
    const allowed = await fetch(`${base}/api/test/supervisors-only`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(await allowed.json()).toEqual({ username: 'sam' });
  });

  it('scopes an agent to its own calls through the principal', async () => {
    const agent = (await json(await login({ username: 'ana', password: 'ana-password-1' }))).token;
    const own = await json(await fetch(`${base}/api/test/calls/agent-7`, { headers: { authorization: `Bearer ${agent}` } }));
    const other = await json(await fetch(`${base}/api/test/calls/agent-8`, { headers: { authorization: `Bearer ${agent}` } }));
    expect([own.visible, other.visible]).toEqual([true, false]);
  });

  it('throttles login guessing from one address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // 30 attempts a minute per address and per username; earlier tests used some of this address's.
    for (let attempt = 0; attempt < 35 && !statuses.includes(429); attempt++) {
      const response = await login({ username: 'carol', password: `guess-${attempt}` });
      statuses.push(response.status);
      if (response.status === 429) {
        retryAfter = response.headers.get('retry-after');
        expect(await response.json()).toEqual({ code: 'RATE_LIMITED', message: 'too many login attempts; try again later' });
      }
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(10);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Every wrong password costs a deliberately slow scrypt check, and up to 30 of them run
    // before the limit answers: ~3 s alone, more than Jest's 5 s default while CI shares the CPU.
  }, 30_000);
});
