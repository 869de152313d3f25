import { UserDirectoryError } from '@tnt/server/data-access-users';
import { Client } from 'pg';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { PostgresCallStorage } from './postgres-call-storage';
import { PostgresUserDirectory } from './postgres-user-directory';

describe('PostgresUserDirectory', () => {
  const schema = randomSchemaName();
  let storage: PostgresCallStorage;
  let cli: PostgresUserDirectory;
  let directory: PostgresUserDirectory;

  beforeAll(async () => {
    storage = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-a' });
    // What the `users` CLI opens: its own connections to the same schema, as another process would.
    cli = await PostgresUserDirectory.open({ connectionString: TEST_DATABASE_URL, schema });
    directory = storage.users;
  });
  afterAll(async () => {
    await cli.close();
    await storage.close();
    await dropSchema(schema);
  });
  beforeEach(async () => {
    for (const user of await directory.list()) await directory.remove(user.username);
  });

  it('is empty before any user is added', async () => {
    expect(await directory.list()).toEqual([]);
    expect(await directory.find('ana')).toBeUndefined();
  });

  it('stores scrypt hashes, never the password, and lists users by name without hashes', async () => {
    await directory.add({ username: 'Ana', password: 'supervisor-pass', role: 'supervisor' });
    await directory.add({ username: 'bob', password: 'agent-password', role: 'agent', agentId: 'agent-7' });
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const hashes = (await client.query(`SELECT password_hash FROM ${schema}.users`)).rows.map((row) => row.password_hash as string);
      expect(hashes).toEqual([expect.stringMatching(/^scrypt\$32768\$8\$1\$/), expect.stringMatching(/^scrypt\$32768\$8\$1\$/)]);
      expect(hashes.join()).not.toContain('supervisor-pass');
    } finally {
      await client.end();
    }
    expect(await directory.list()).toEqual([
      { username: 'ana', role: 'supervisor', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) },
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
    const first = await directory.add({ username: 'bob', password: 'first-password', role: 'agent', agentId: 'a1', demo: true });
    expect(first.demo).toBe(true);
    await expect(cli.add({ username: 'BOB', password: 'other-password', role: 'supervisor' })).rejects.toThrow(
      new UserDirectoryError('user bob already exists'),
    );
    const replaced = await directory.add({ username: 'bob', password: 'second-password', role: 'supervisor' }, { replace: true });
    expect(replaced).toEqual({ username: 'bob', role: 'supervisor', createdAt: first.createdAt, updatedAt: expect.any(String) });
    expect(await directory.authenticate('bob', 'first-password')).toBeUndefined();
    expect(await directory.authenticate('bob', 'second-password')).toBeDefined();
  });

  it('shows every instance a user the CLI added or removed at once', async () => {
    expect(await directory.find('carol')).toBeUndefined();
    await cli.add({ username: 'carol', password: 'carol-password', role: 'supervisor' });
    expect(await directory.find('carol')).toMatchObject({ role: 'supervisor' });
    expect(await cli.remove('CAROL')).toBe(true);
    expect(await cli.remove('carol')).toBe(false);
    expect(await directory.find('carol')).toBeUndefined();
  });

  it('keeps every user when several are added at once, and lets only one of two same-name adds win', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 ? directory : cli).add({ username: `agent${index}`, password: 'password-123', role: 'agent', agentId: `a${index}` }),
      ),
    );
    expect((await directory.list()).map((user) => user.username)).toEqual(['agent0', 'agent1', 'agent2', 'agent3', 'agent4', 'agent5']);
    const outcomes = await Promise.allSettled([
      directory.add({ username: 'dora', password: 'password-123', role: 'supervisor' }),
      cli.add({ username: 'dora', password: 'password-456', role: 'supervisor' }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
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
});
