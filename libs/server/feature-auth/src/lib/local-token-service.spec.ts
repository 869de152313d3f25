import { decodeJwt, SignJWT, UnsecuredJWT } from 'jose';
import { LocalTokenService } from './local-token-service';

const SECRET = 'a-test-secret-of-more-than-32-characters!';
const key = new TextEncoder().encode(SECRET);

function signed(claims: Record<string, unknown>, expiresAt: number, audience = 'tnt'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setIssuer('tnt').setAudience(audience).setIssuedAt().setExpirationTime(expiresAt).sign(key);
}

describe('LocalTokenService', () => {
  const service = new LocalTokenService(SECRET, 3600);

  it('issues a token whose claims carry sub, role, agentId, issuer, audience and an expiry ttl away', async () => {
    const before = Math.floor(Date.now() / 1000);
    const issued = await service.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    const claims = decodeJwt(issued.token);
    expect(claims).toMatchObject({ sub: 'ana', role: 'agent', agentId: 'agent-7', iss: 'tnt', aud: 'tnt' });
    expect(claims.exp).toBeGreaterThanOrEqual(before + 3600);
    expect(claims.exp).toBeLessThanOrEqual(before + 3601);
    expect(issued.expiresAt.getTime()).toBe((claims.exp as number) * 1000);
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
      .setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setIssuer('tnt').setAudience('tnt').setExpirationTime('1h')
      .sign(new TextEncoder().encode('another-secret-of-more-than-32-characters'));
    expect(await service.verify(forged)).toMatchObject({ ok: false, status: 401, code: 'UNAUTHORIZED' });
  });

  it('refuses an expired token signed with the wrong key as invalid, not expired', async () => {
    const wrongKeyExpired = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'HS256' }).setSubject('ana').setIssuer('tnt').setAudience('tnt').setExpirationTime(1)
      .sign(new TextEncoder().encode('another-secret-of-more-than-32-characters'));
    expect(await service.verify(wrongKeyExpired)).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses an unsigned (alg none) token and one with a changed payload', async () => {
    const unsigned = new UnsecuredJWT({ role: 'supervisor' }).setSubject('ana').setIssuer('tnt').setAudience('tnt').setExpirationTime('1h').encode();
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
    expect(await service.verify(await signed({ role: 'admin' }, later))).toMatchObject({ code: 'UNAUTHORIZED', message: 'the token names no valid role' });
    expect(await service.verify(await signed({ role: 'agent' }, later))).toMatchObject({ code: 'UNAUTHORIZED', message: 'the agent token has no agentId' });
  });

  it('expires a short-lived token on the real clock', async () => {
    // Expiry counts whole seconds from the second of issue: a 1 s token lapses at the next second
    // boundary, which may come a moment after it is issued; a 2 s token stays good at least 1 s.
    const { token } = await service.issue({ username: 'sam', role: 'supervisor' }, 2);
    expect((await service.verify(token)).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await service.verify(token)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
  });

  it('refuses a secret shorter than 32 characters', () => {
    expect(() => new LocalTokenService('short', 60)).toThrow('the JWT secret must be at least 32 characters (got 5)');
  });
});
