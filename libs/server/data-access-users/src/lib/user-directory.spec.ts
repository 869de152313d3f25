import { mkdtemp, readFile, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserDirectory } from './user-directory';
import { UserDirectoryError } from './user-record';

describe('UserDirectory', () => {
  let dataDir: string;
  let directory: UserDirectory;
  const warnings: string[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-users-'));
    warnings.length = 0;
    directory = UserDirectory.inDataDir(join(dataDir, 'nested'), { onWarning: (message) => warnings.push(message) });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is empty before the file exists', async () => {
    expect(await directory.list()).toEqual([]);
    expect(await directory.find('ana')).toBeUndefined();
  });

  it('adds users to a 0600 JSON file holding scrypt hashes, never the password', async () => {
    await directory.add({ username: 'Ana', password: 'supervisor-pass', role: 'supervisor' });
    await directory.add({ username: 'bob', password: 'agent-password', role: 'agent', agentId: 'agent-7' });
    const text = await readFile(directory.filePath, 'utf8');
    expect(text).not.toContain('supervisor-pass');
    expect(text).toMatch(/"passwordHash": "scrypt\$32768\$8\$1\$/);
    expect((await stat(directory.filePath)).mode & 0o777).toBe(0o600);
    expect(await directory.list()).toEqual([
      { username: 'ana', role: 'supervisor', createdAt: expect.any(String) },
      { username: 'bob', role: 'agent', agentId: 'agent-7', createdAt: expect.any(String) },
    ]);
  });

  it('authenticates the right password, case-insensitively by username, and nothing else', async () => {
    await directory.add({ username: 'bob', password: 'agent-password', role: 'agent', agentId: 'agent-7' });
    expect(await directory.authenticate('BOB', 'agent-password')).toMatchObject({ username: 'bob', role: 'agent', agentId: 'agent-7' });
    expect(await directory.authenticate('bob', 'Agent-password')).toBeUndefined();
    expect(await directory.authenticate('nobody', 'agent-password')).toBeUndefined();
  });

  it('refuses a duplicate unless replacing, which keeps createdAt and changes the password', async () => {
    const first = await directory.add({ username: 'bob', password: 'first-password', role: 'agent', agentId: 'a1' });
    await expect(directory.add({ username: 'bob', password: 'other-password', role: 'supervisor' })).rejects.toThrow(
      'user bob already exists',
    );
    const replaced = await directory.add({ username: 'bob', password: 'second-password', role: 'supervisor' }, { replace: true });
    expect(replaced).toMatchObject({ username: 'bob', role: 'supervisor', createdAt: first.createdAt, updatedAt: expect.any(String) });
    expect(replaced.agentId).toBeUndefined();
    expect(await directory.authenticate('bob', 'first-password')).toBeUndefined();
    expect(await directory.authenticate('bob', 'second-password')).toBeDefined();
  });

  it('removes users', async () => {
    await directory.add({ username: 'bob', password: 'agent-password', role: 'agent', agentId: 'a1' });
    expect(await directory.remove('BOB')).toBe(true);
    expect(await directory.remove('bob')).toBe(false);
    expect(await directory.find('bob')).toBeUndefined();
  });

  it('sees changes another process (another instance) made to the file', async () => {
    const server = UserDirectory.inDataDir(join(dataDir, 'nested'));
    expect(await server.find('carol')).toBeUndefined();
    await directory.add({ username: 'carol', password: 'carol-password', role: 'supervisor' });
    expect(await server.find('carol')).toMatchObject({ role: 'supervisor' });
    await directory.remove('carol');
    expect(await server.find('carol')).toBeUndefined();
  });

  it('keeps every user when several are added at once', async () => {
    const other = UserDirectory.inDataDir(join(dataDir, 'nested'));
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 ? directory : other).add({ username: `agent${index}`, password: 'password-123', role: 'agent', agentId: `a${index}` }),
      ),
    );
    expect((await directory.list()).map((user) => user.username)).toEqual(['agent0', 'agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
  });

  it.each([
    [{ username: 'has space', password: 'password-1', role: 'supervisor' }, /username must be/],
    [{ username: 'ana', password: 'short', role: 'supervisor' }, /password must be 8 to 1024 characters/],
    [{ username: 'ana', password: 'password-1', role: 'admin' }, /role must be one of supervisor, agent \(got "admin"\)/],
    [{ username: 'ana', password: 'password-1', role: 'agent' }, /an agent needs an agentId/],
    [{ username: 'ana', password: 'password-1', role: 'supervisor', agentId: 'a1' }, /only agents have an agentId/],
  ])('refuses %j with a message naming the field', async (user, message) => {
    await expect(directory.add(user as never)).rejects.toThrow(UserDirectoryError);
    await expect(directory.add(user as never)).rejects.toThrow(message);
  });

  it('reports a corrupt file instead of treating it as empty', async () => {
    await directory.add({ username: 'ana', password: 'password-1', role: 'supervisor' });
    await writeFile(directory.filePath, '{"version":1,"users":[{"username":"ana"}]}');
    await expect(directory.list()).rejects.toThrow(/user #1 lacks a valid username, role, agentId or passwordHash/);
    await writeFile(directory.filePath, 'not json');
    await expect(directory.find('ana')).rejects.toThrow(/is not valid JSON/);
  });

  it('tightens a user file readable by others to 0600 and warns', async () => {
    await directory.add({ username: 'ana', password: 'password-1', role: 'supervisor' });
    await chmod(directory.filePath, 0o644);
    const fresh = UserDirectory.inDataDir(join(dataDir, 'nested'), { onWarning: (message) => warnings.push(message) });
    await fresh.list();
    expect((await stat(directory.filePath)).mode & 0o777).toBe(0o600);
    expect(warnings).toEqual([`${directory.filePath} was readable by other users; its mode is now 0600`]);
  });
});
