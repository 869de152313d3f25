import { UserDirectory } from '@tnt/server/data-access-users';
import { generateKeyPair, SignJWT } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTokenService } from './local-token-service';
import { MAX_TOKEN_LENGTH, TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  let dataDir: string;
  let directory: UserDirectory;
  let local: LocalTokenService;
  let verifier: TokenVerifier;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-verifier-'));
    directory = UserDirectory.inDataDir(dataDir);
    local = new LocalTokenService('verifier-test-secret-0123456789-abcdef', 600);
    verifier = new TokenVerifier(local, directory);
    await directory.add({ username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-7' });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('accepts a gateway token of an existing user', async () => {
    const { token } = await local.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { username: 'ana', role: 'agent', agentId: 'agent-7' } });
  });

  it('revokes the tokens of a removed user at once', async () => {
    const { token } = await local.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    await directory.remove('ana');
    expect(await verifier.verify(token)).toMatchObject({ ok: false, code: 'UNAUTHORIZED', message: 'the token’s user no longer exists' });
  });

  it('uses the directory’s current role and agent id, not the ones frozen in the token', async () => {
    const { token } = await local.issue({ username: 'ana', role: 'agent', agentId: 'agent-7' });
    await directory.add({ username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-9' }, { replace: true });
    expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { agentId: 'agent-9' } });
  });

  it('refuses asymmetric tokens when no identity provider is configured', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ role: 'supervisor' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await verifier.verify(foreign)).toMatchObject({
      ok: false,
      code: 'UNAUTHORIZED',
      message: 'tokens signed with ES256 are not accepted',
    });
  });

  it('refuses garbage and oversized tokens before any crypto', async () => {
    expect(await verifier.verify('not-a-token')).toMatchObject({ ok: false, code: 'UNAUTHORIZED', message: 'the token is not a JWT' });
    expect(await verifier.verify('e'.repeat(MAX_TOKEN_LENGTH + 1))).toMatchObject({ ok: false, message: 'the token is too long' });
  });
});
