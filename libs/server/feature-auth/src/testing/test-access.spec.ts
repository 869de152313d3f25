import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserDirectory, loadOrCreateJwtSecret } from '@tnt/server/data-access-users';
import { LocalTokenService } from '../lib/local-token-service';
import { TokenVerifier } from '../lib/token-verifier';
import { prepareTestAccess } from './test-access';

describe('prepareTestAccess', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = await mkdtemp(join(tmpdir(), 'tnt-access-'))));
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('gives tokens a gateway on the same data directory accepts', async () => {
    const access = await prepareTestAccess(dataDir);
    const agentToken = await access.tokenFor('ana', 'agent', 'agent-7');
    const verifier = new TokenVerifier(
      new LocalTokenService((await loadOrCreateJwtSecret(dataDir)).value, 60),
      UserDirectory.inDataDir(dataDir),
    );
    expect(await verifier.verify(access.supervisorToken)).toMatchObject({
      ok: true,
      principal: { username: 'e2e-supervisor', role: 'supervisor' },
    });
    expect(await verifier.verify(agentToken)).toMatchObject({ ok: true, principal: { username: 'ana', agentId: 'agent-7' } });
    expect(access.ingestApiKey).toMatch(/^tnt_ingest_/);
    expect(access.env).toEqual({ TNT_DATA_DIR: dataDir });
  });
});
