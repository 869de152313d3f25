import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { LocalTokenService } from './local-token-service';

const SECRET = 'a-test-secret-of-more-than-32-characters!';
const key = new TextEncoder().encode(SECRET);

function signed(claims: Record<string, unknown>, expiresAt: number, audience = 'tnt'): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('ana')
    .setIssuer('tnt')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(key);
}

describe('LocalTokenService', () => {
  const service = new LocalTokenService(SECRET, 3600);

  it('issues a token whose claims carry sub, role, agentId, issuer, audience and an expiry ttl away', async () => {
    const issuedAtMs = Date.parse('2026-03-01T09:30:00.750Z');
    const stepped = new LocalTokenService(SECRET, 3600, () => issuedAtMs);
    const issued = await stepped.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    const claims = decodeJwt(issued.token);
    expect(claims).toMatchObject({ sub: 'ana', role: 'agent', agentId: 'agent-7', iss: 'tnt', aud: 'tnt' });
    // JWT times are whole seconds: issued in the second it was issued, expiring ttl seconds later.
    expect(claims.iat).toBe(Date.parse('2026-03-01T09:30:00Z') / 1000);
    expect(claims.exp).toBe(Date.parse('2026-03-01T10:30:00Z') / 1000);
    expect(issued.expiresAt.toISOString()).toBe('2026-03-01T10:30:00.000Z');
    expect(typeof claims.jti).toBe('string');
  });

  it('verifies its own tokens back to the principal', async () => {
    const { token } = await service.issue({ username: 'sam', role: 'supervisor' });
    const verified = await service.verify(token);
    expect(verified).toMatchObject({ ok: true, principal: { username: 'sam', role: 'supervisor' }, issuer: 'local' });
    expect(verified.ok && verified.principal.agentId).toBeUndefined();
  });

  it('tells an expired token (TOKEN_EXPIRED) from an invalid one (UNAUTHORIZED)', async () => {
    const expired = await signed({ role: 'supervisor' }, Math.floor(Date.now() / 1000) - 10);
    expect(await service.verify(expired)).toMatchObject({ ok: false, status: 401, code: 'TOKEN_EXPIRED' });
    const forged = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ana')
      .setIssuer('tnt')
      .setAudience('tnt')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-more-than-32-characters'));
    expect(await service.verify(forged)).toMatchObject({ ok: false, status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses an expired token signed with the wrong key as invalid, not expired', async () => {
    const wrongKeyExpired = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('ana')
      .setIssuer('tnt')
      .setAudience('tnt')
      .setExpirationTime(1)
      .sign(new TextEncoder().encode('another-secret-of-more-than-32-characters'));
    expect(await service.verify(wrongKeyExpired)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses an unsigned (alg none) token and one with a changed payload', async () => {
    const unsigned = new UnsecuredJWT({ role: 'supervisor' })
      .setSubject('ana')
      .setIssuer('tnt')
      .setAudience('tnt')
      .setExpirationTime('1h')
      .encode();
    expect(await service.verify(unsigned)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    const { token } = await service.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    const [header, , signature] = token.split('.');
    const promoted = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'supervisor' })).toString('base64url');
    expect(await service.verify(`${header}.${promoted}.${signature}`)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
  });

  it('refuses tokens of the same secret meant for another audience, without a role, or an agent without agentId', async () => {
    const later = Math.floor(Date.now() / 1000) + 600;
    expect(await service.verify(await signed({ role: 'supervisor' }, later, 'billing'))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await service.verify(await signed({}, later))).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await service.verify(await signed({ role: 'admin' }, later))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'the token names no valid role',
    });
    expect(await service.verify(await signed({ role: 'agent' }, later))).toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'the agent token has no agentId',
    });
  });

  it('accepts a token until its expiry second and refuses it as TOKEN_EXPIRED from then on', async () => {
    // Expiry counts whole seconds from the second of issue, so a 2 s token issued at 12:00:00.400
    // lapses at 12:00:02.000.
    let now = Date.parse('2026-03-01T12:00:00.400Z');
    const stepped = new LocalTokenService(SECRET, 3600, () => now);
    const { token } = await stepped.issue({ username: 'sam', role: 'supervisor' }, 2);
    now = Date.parse('2026-03-01T12:00:01.999Z');
    expect((await stepped.verify(token)).ok).toBe(true);
    now = Date.parse('2026-03-01T12:00:02.000Z');
    expect(await stepped.verify(token)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
  });

  it('reads the real clock by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { token } = await service.issue({ username: 'sam', role: 'supervisor' });
    // Only ordering against the real clock, never how long anything took.
    expect(decodeJwt(token).iat).toBeGreaterThanOrEqual(before);
    expect(decodeJwt(token).iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect((await service.verify(token)).ok).toBe(true);
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new LocalTokenService('short', 60)).toThrow('the JWT secret must be at least 32 characters (got 5)');
  });
});
