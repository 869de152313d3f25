import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, loadOrCreateSecretFile } from './data-dir-secrets';

describe('data directory secrets', () => {
  let dataDir: string;
  beforeEach(async () => (dataDir = join(await mkdtemp(join(tmpdir(), 'tnt-secrets-')), 'data')));
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it('generates a 256-bit JWT secret once, in a 0600 file in a 0700 folder, and reads it back later', async () => {
    const first = await loadOrCreateJwtSecret(dataDir);
    expect(first.created).toBe(true);
    expect(Buffer.from(first.value, 'base64url')).toHaveLength(32);
    expect((await stat(first.path)).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const second = await loadOrCreateJwtSecret(dataDir);
    expect(second).toEqual({ value: first.value, created: false, path: first.path });
  });

  it('hands every concurrent starter the same secret', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateJwtSecret(dataDir)));
    expect(new Set(results.map((result) => result.value)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('generates one recognisable ingest key and reads several, ignoring comments and blank lines', async () => {
    const generated = await loadOrCreateIngestApiKeys(dataDir);
    expect(generated.created).toBe(true);
    expect(generated.keys).toHaveLength(1);
    expect(generated.keys[0]).toMatch(/^tnt_ingest_[A-Za-z0-9_-]{43}$/);
    await writeFile(generated.path, `# rotated 2025-01\n${generated.keys[0]}\n\nsecond-key-for-freeswitch\n`);
    expect((await loadOrCreateIngestApiKeys(dataDir)).keys).toEqual([generated.keys[0], 'second-key-for-freeswitch']);
  });

  it('tightens a secret file readable by others and warns', async () => {
    const { path } = await loadOrCreateJwtSecret(dataDir);
    await chmod(path, 0o644);
    const warnings: string[] = [];
    await loadOrCreateJwtSecret(dataDir, (message) => warnings.push(message));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([`${path} was readable by other users; its mode is now 0600`]);
  });

  it('refuses an empty secret file rather than signing with an empty key', async () => {
    const path = join(dataDir, 'empty-secret');
    await loadOrCreateSecretFile(path, () => 'x');
    await writeFile(path, '\n');
    await expect(loadOrCreateSecretFile(path, () => 'y')).rejects.toThrow(`${path} is empty; delete it to generate a new secret`);
    expect(await readFile(path, 'utf8')).toBe('\n');
  });
});
