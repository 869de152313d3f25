import { PostgresUserDirectory } from '@tnt/server/data-access-store-postgres';
import { LocalTokenService, TokenVerifier } from '@tnt/server/feature-auth';
import { Client } from 'pg';
import { randomBytes } from 'node:crypto';
import { runUsersCli, type UsersCliIo } from './users-cli';

const DATABASE_URL = process.env['TNT_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('users CLI on PostgreSQL', () => {
  const schema = `tnt_test_${randomBytes(6).toString('hex')}`;
  const secret = randomBytes(32).toString('base64url');
  // The environment a cluster's instances share; the CLI finds the users where they do.
  const env = { TNT_STORE: 'postgres', TNT_DATABASE_URL: DATABASE_URL, TNT_DATABASE_SCHEMA: schema, TNT_JWT_SECRET: secret };

  afterAll(async () => {
    const client = new Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });

  async function cli(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const io: UsersCliIo = {
      env,
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readPassword: async () => 'unused-password',
    };
    return { code: await runUsersCli(argv, io), out, err };
  }

  it('adds, lists, mints a token for and removes the users every instance shares when TNT_STORE=postgres', async () => {
    expect(await cli(['add', 'Ana', '--role', 'agent', '--agent-id', 'agent-7', '--generate-password'])).toMatchObject({
      code: 0,
      out: ['added agent ana (agentId agent-7)', expect.stringMatching(/^password: .{20}$/)],
    });
    expect((await cli(['list', '--json'])).out.map((line) => JSON.parse(line))).toEqual([
      [{ username: 'ana', role: 'agent', agentId: 'agent-7', createdAt: expect.any(String) }],
    ]);
    const [token] = (await cli(['token', 'ana'])).out;

    // A gateway instance checks the token against the same database.
    const gatewayUsers = await PostgresUserDirectory.open({ connectionString: DATABASE_URL, schema });
    try {
      const verifier = new TokenVerifier(new LocalTokenService(secret, 600), gatewayUsers);
      expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { username: 'ana', role: 'agent', agentId: 'agent-7' } });
      expect(await cli(['remove', 'ana'])).toMatchObject({ code: 0, out: ['removed ana; their tokens stop working now'] });
      expect(await verifier.verify(token)).toMatchObject({ ok: false });
    } finally {
      await gatewayUsers.close();
    }
    expect(await cli(['remove', 'ana'])).toMatchObject({ code: 1, err: ['error: no user ana'] });
  });
});
