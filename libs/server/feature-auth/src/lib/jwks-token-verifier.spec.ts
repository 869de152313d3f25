import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { JwksTokenVerifier, readClaim } from './jwks-token-verifier';

interface KeyPair {
  privateKey: KeyLike;
  publicJwk: JWK;
  spki: string;
}

async function keyPair(kid: string): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, spki: await exportSPKI(publicKey) };
}

/** A local identity provider: serves its key set, and can be told to fail or stall. */
class LocalIdentityProvider {
  mode: 'serve' | 'error' | 'stall' = 'serve';
  requests = 0;
  private server!: Server;
  url = '';

  constructor(private readonly keys: JWK[]) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.requests++;
      if (this.mode === 'error') return void response.writeHead(500).end('down');
      if (this.mode === 'stall') return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

const ISSUER = 'https://idp.example.com/realms/tnt';

function token(
  pair: KeyPair,
  claims: Record<string, unknown>,
  options: { kid?: string; issuer?: string; audience?: string; expiresIn?: string | number } = {},
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? (pair.publicJwk.kid as string) })
    .setSubject('user-1234')
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? 'tnt-dashboard')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(pair.privateKey);
}

describe('JwksTokenVerifier against a real JWKS endpoint', () => {
  let signing: KeyPair;
  let stranger: KeyPair;
  let provider: LocalIdentityProvider;
  let verifier: JwksTokenVerifier;

  beforeAll(async () => {
    signing = await keyPair('key-1');
    stranger = await keyPair('key-2');
  });

  beforeEach(async () => {
    provider = new LocalIdentityProvider([signing.publicJwk]);
    await provider.start();
    verifier = new JwksTokenVerifier({
      jwksUrl: provider.url,
      issuer: ISSUER,
      audience: 'tnt-dashboard',
      roleClaim: 'https://tnt.example.com/role',
      agentClaim: 'ext.agent_id',
      timeoutMs: 500,
    });
  });

  afterEach(() => provider.stop());

  it('maps a supervisor token through the configured (namespaced) role claim', async () => {
    const verified = await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'supervisor' }));
    expect(verified).toMatchObject({ ok: true, issuer: 'external', principal: { username: 'user-1234', role: 'supervisor' } });
    expect(verified.ok && verified.expiresAt?.getTime()).toBeGreaterThan(Date.now());
  });

  it('maps an agent token with its agent id from a nested claim, and picks the role out of a list', async () => {
    const verified = await verifier.verify(
      await token(signing, { 'https://tnt.example.com/role': ['offline_access', 'agent'], ext: { agent_id: 'agent-7' } }),
    );
    expect(verified).toMatchObject({ ok: true, principal: { username: 'user-1234', role: 'agent', agentId: 'agent-7' } });
  });

  it('fetches the key set once and reuses it', async () => {
    await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'supervisor' }));
    await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'supervisor' }));
    expect(provider.requests).toBe(1);
  });

  it('says TOKEN_EXPIRED for an expired token', async () => {
    const expired = await token(
      signing,
      { 'https://tnt.example.com/role': 'supervisor' },
      { expiresIn: Math.floor(Date.now() / 1000) - 60 },
    );
    expect(await verifier.verify(expired)).toMatchObject({ ok: false, status: 401, code: 'TOKEN_EXPIRED' });
  });

  it.each([
    ['another issuer', { issuer: 'https://evil.example.com' }],
    ['another audience', { audience: 'billing' }],
  ])('refuses a token of %s', async (_what, options) => {
    expect(await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'supervisor' }, options))).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    expect(await verifier.verify(await token(stranger, { 'https://tnt.example.com/role': 'supervisor' }))).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
    expect(await verifier.verify(await token(stranger, { 'https://tnt.example.com/role': 'supervisor' }, { kid: 'key-1' }))).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses the HS256 confusion attack that uses the public key as a shared secret', async () => {
    const forged = await new SignJWT({ 'https://tnt.example.com/role': 'supervisor' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('attacker')
      .setIssuer(ISSUER)
      .setAudience('tnt-dashboard')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(signing.spki));
    expect(await verifier.verify(forged)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
  });

  it('refuses a token whose role claim names neither role, or an agent without a valid agent id', async () => {
    expect(await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'admin' }))).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
      message: "the token's https://tnt.example.com/role claim names neither supervisor nor agent",
    });
    expect(
      await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'agent', ext: { agent_id: 'has space' } })),
    ).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
    expect(await verifier.verify(await token(signing, { 'https://tnt.example.com/role': 'agent' }))).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
    });
  });

  it('says AUTH_UNAVAILABLE when the provider answers 500, stalls, or is gone', async () => {
    const good = await token(signing, { 'https://tnt.example.com/role': 'supervisor' });
    provider.mode = 'error';
    expect(await verifier.verify(good)).toMatchObject({ ok: false, status: 503, code: 'AUTH_UNAVAILABLE' });
    provider.mode = 'stall';
    const stalled = new JwksTokenVerifier({ jwksUrl: provider.url, roleClaim: 'role', agentClaim: 'agentId', timeoutMs: 300 });
    expect(await stalled.verify(good)).toMatchObject({
      ok: false,
      code: 'AUTH_UNAVAILABLE',
      message: "the identity provider's keys could not be fetched: request timed out",
    });
    const gone = new JwksTokenVerifier({ jwksUrl: 'http://127.0.0.1:1/jwks.json', roleClaim: 'role', agentClaim: 'agentId' });
    expect(await gone.verify(good)).toMatchObject({
      ok: false,
      code: 'AUTH_UNAVAILABLE',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('readClaim', () => {
  it('prefers an exact (dotted) claim name and falls back to a nested path', () => {
    expect(readClaim({ 'a.b': 1, a: { b: 2 } }, 'a.b')).toBe(1);
    expect(readClaim({ a: { b: 2 } }, 'a.b')).toBe(2);
    expect(readClaim({ a: { b: 2 } }, 'a.c')).toBeUndefined();
    expect(readClaim({ a: 'text' }, 'a.length')).toBeUndefined();
  });
});
