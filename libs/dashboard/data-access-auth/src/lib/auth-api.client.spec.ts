import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthTestPeer } from '../testing';
import { AuthApiClient } from './auth-api.client';
import { provideAuth } from './provide-auth';

const SUPERVISOR = { username: 'sam', password: 'correct horse battery', role: 'supervisor' as const };
const AGENT = { username: 'ana', password: 'staple gun 42', role: 'agent' as const, agentId: 'agent-7' };

describe('AuthApiClient against a real HTTP peer', () => {
  let peer: AuthTestPeer;
  let api: AuthApiClient;

  beforeEach(async () => {
    peer = await AuthTestPeer.start([SUPERVISOR, AGENT]);
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideAuth({ apiUrl: peer.apiUrl })] });
    api = TestBed.inject(AuthApiClient);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it('signs an agent in and returns the session the server issued, with its agent id', async () => {
    const result = await api.signIn('ana', 'staple gun 42');

    expect(result).toEqual({
      ok: true,
      session: { token: peer.tokensOf('ana')[0], expiresAt: expect.any(String), username: 'ana', role: 'agent', agentId: 'agent-7' },
    });
    expect(peer.requests).toEqual([{ method: 'POST', path: '/api/auth/login', body: { username: 'ana', password: 'staple gun 42' } }]);
  });

  it('reports a wrong password as invalid credentials', async () => {
    expect(await api.signIn('sam', 'wrong')).toEqual({ ok: false, problem: { kind: 'invalid-credentials' } });
  });

  it('reports too many attempts with the seconds of Retry-After', async () => {
    peer.rateLimit(42);
    expect(await api.signIn('sam', 'correct horse battery')).toEqual({
      ok: false,
      problem: { kind: 'rate-limited', retryAfterSeconds: 42 },
    });
  });

  it("reports a malformed request with the server's message naming the field", async () => {
    expect(await api.signIn('sam', '')).toEqual({
      ok: false,
      problem: { kind: 'invalid-request', message: 'password must be a non-empty string' },
    });
  });

  it('refuses a sign-in answer that is not a session, naming the field and never the token', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    peer.answerLoginsWith({ token: 'secret-token-1', expiresAt: '2026-03-02T17:00:00.000Z', username: 'ana', role: 'agent' });

    expect(await api.signIn('ana', 'staple gun 42')).toEqual({
      ok: false,
      problem: {
        kind: 'unexpected',
        status: 200,
        message: 'the server answered with something that is not a session: agentId must be given for an agent',
      },
    });
    expect(errors).toHaveBeenCalledWith('TnT: the sign-in answer is not a session: agentId must be given for an agent');
    expect(JSON.stringify(errors.mock.calls)).not.toContain('secret-token-1');
    errors.mockRestore();
  });

  it('reports the server as unreachable when nothing answers', async () => {
    // jsdom reports the refused connection on the console as well.
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await peer.stop();

    expect(await api.signIn('sam', 'correct horse battery')).toEqual({ ok: false, problem: { kind: 'unreachable' } });
    errors.mockRestore();
  });

  it('asks /me with the token as a bearer header and tells valid, expired and refused tokens apart', async () => {
    const signedIn = await api.signIn('sam', 'correct horse battery');
    if (!signedIn.ok) throw new Error('sign-in failed');
    const token = signedIn.session.token;

    expect(await api.checkToken(token)).toBe('valid');
    expect(peer.requests.at(-1)).toEqual({ method: 'GET', path: '/api/auth/me', authorization: `Bearer ${token}` });
    peer.expire(token);
    expect(await api.checkToken(token)).toBe('expired');
    expect(await api.checkToken('never-issued')).toBe('rejected');
  });

  it('says unknown when the token cannot be checked because the server does not answer', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await peer.stop();

    expect(await api.checkToken('any')).toBe('unknown');
    expect(warnings).toHaveBeenCalledWith('TnT: could not check the session with the server (no answer); it decides at the next attempt');
    errors.mockRestore();
    warnings.mockRestore();
  });
});
