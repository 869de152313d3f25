import { UserDirectory } from '@tnt/server/data-access-users';
import { decodeJwt } from 'jose';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { LocalTokenService, TokenVerifier } from '@tnt/server/feature-auth';
import { readFirstLine } from './password-input';
import { runUsersCli, type UsersCliIo } from './users-cli';

/** Runs the CLI like a shell would, with `answers` typed at the password prompts. */
async function cli(
  argv: string[],
  env: Record<string, string>,
  answers: string[] = [],
): Promise<{ code: number; out: string[]; err: string[]; prompts: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const prompts: string[] = [];
  const io: UsersCliIo = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    readPassword: async (prompt) => {
      prompts.push(prompt);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected prompt ${prompt}`);
      return answer;
    },
  };
  const code = await runUsersCli(argv, io);
  return { code, out, err, prompts };
}

describe('users CLI', () => {
  let dataDir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tnt-users-cli-'));
    env = { TNT_DATA_DIR: dataDir };
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('adds a supervisor with a password asked twice, who can then log in', async () => {
    const result = await cli(['add', 'Sam', '--role', 'supervisor'], env, ['sam-password-1', 'sam-password-1']);
    expect(result).toMatchObject({ code: 0, out: ['added supervisor sam'], prompts: ['Password for Sam: ', 'Repeat it: '] });
    expect(await UserDirectory.inDataDir(dataDir).authenticate('sam', 'sam-password-1')).toMatchObject({ role: 'supervisor' });
  });

  it('adds an agent with a generated password it prints once', async () => {
    const result = await cli(['add', 'ana', '--role', 'agent', '--agent-id', 'agent-7', '--generate-password'], env);
    expect(result.code).toBe(0);
    expect(result.out[0]).toBe('added agent ana (agentId agent-7)');
    const password = result.out[1].replace('password: ', '');
    expect(password).toHaveLength(20);
    expect(await UserDirectory.inDataDir(dataDir).authenticate('ana', password)).toMatchObject({ agentId: 'agent-7' });
  });

  it.each([
    [['add', 'ana', '--role', 'agent'], ['password-123', 'password-123'], 1, /an agent needs an agentId/],
    [['add', 'ana', '--role', 'supervisor'], ['password-123', 'password-124'], 1, /the two passwords differ/],
    [['add', 'ana', '--role', 'supervisor'], ['short', 'short'], 1, /password must be 8 to 1024 characters/],
    [['add', 'ana', '--role', 'admin'], [], 2, /--role must be supervisor or agent/],
    [['add', '--role', 'supervisor'], [], 2, /expected exactly one username/],
    [['frobnicate'], [], 2, /unknown command "frobnicate"/],
    [['list', '--colour'], [], 2, /Unknown option '--colour'/],
  ])('refuses %j with its exit code and reason', async (argv, answers, code, message) => {
    const result = await cli(argv as string[], env, answers as string[]);
    expect(result.code).toBe(code);
    expect(result.err.join('\n')).toMatch(message as RegExp);
  });

  it('refuses a duplicate unless --replace', async () => {
    await cli(['add', 'sam', '--role', 'supervisor', '--generate-password'], env);
    expect((await cli(['add', 'sam', '--role', 'supervisor', '--generate-password'], env)).err).toEqual(['error: user sam already exists']);
    const replaced = await cli(['add', 'sam', '--role', 'agent', '--agent-id', 'a1', '--replace', '--generate-password'], env);
    expect(replaced.out[0]).toBe('replaced agent sam (agentId a1)');
  });

  it('lists users as a table or JSON, never with hashes', async () => {
    await cli(['add', 'sam', '--role', 'supervisor', '--generate-password'], env);
    await cli(['add', 'ana', '--role', 'agent', '--agent-id', 'agent-7', '--generate-password'], env);
    const table = await cli(['list'], env);
    expect(table.out[0]).toMatch(/^USERNAME\s+ROLE\s+AGENT ID\s+CREATED$/);
    expect(table.out[1]).toMatch(/^ana\s+agent\s+agent-7\s+\d{4}-/);
    expect(table.out[2]).toMatch(/^sam\s+supervisor\s+-\s+\d{4}-/);
    const json = JSON.parse((await cli(['list', '--json'], env)).out[0]);
    expect(json.map((user: { username: string }) => user.username)).toEqual(['ana', 'sam']);
    expect(JSON.stringify(json)).not.toContain('scrypt');
  });

  it('removes a user, and says so when there is none', async () => {
    await cli(['add', 'sam', '--role', 'supervisor', '--generate-password'], env);
    expect((await cli(['remove', 'SAM'], env)).out).toEqual(['removed sam; their tokens stop working now']);
    expect(await cli(['remove', 'sam'], env)).toMatchObject({ code: 1, err: ['error: no user sam'] });
  });

  it('mints a token the gateway accepts, signed with the data directory’s secret', async () => {
    await cli(['add', 'ana', '--role', 'agent', '--agent-id', 'agent-7', '--generate-password'], env);
    const result = await cli(['token', 'ana', '--ttl', '120'], env);
    expect(result.code).toBe(0);
    const token = result.out[0];
    const claims = decodeJwt(token);
    expect((claims.exp as number) - (claims.iat as number)).toBe(120);
    const secret = (await readFile(join(dataDir, 'jwt-secret'), 'utf8')).trim();
    const verifier = new TokenVerifier(new LocalTokenService(secret, 600), UserDirectory.inDataDir(dataDir));
    expect(await verifier.verify(token)).toMatchObject({ ok: true, principal: { username: 'ana', role: 'agent', agentId: 'agent-7' } });
  });

  it('mints with TNT_JWT_SECRET when set, and refuses unknown users and silly lifetimes', async () => {
    const secretEnv = { ...env, TNT_JWT_SECRET: 'a-configured-secret-of-32-characters-or-more' };
    await cli(['add', 'sam', '--role', 'supervisor', '--generate-password'], secretEnv);
    const { out } = await cli(['token', 'sam', '--json'], secretEnv);
    const { token, expiresAt } = JSON.parse(out[0]);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(8 * 3600 * 1000 - 5000);
    expect((await new LocalTokenService(secretEnv.TNT_JWT_SECRET, 60).verify(token)).ok).toBe(true);
    expect(await cli(['token', 'nobody'], secretEnv)).toMatchObject({ code: 1, err: ['error: no user nobody'] });
    expect((await cli(['token', 'sam', '--ttl', '5'], secretEnv)).code).toBe(2);
  });

  it('stops with exit code 2 and the variable’s name on a bad environment', async () => {
    const result = await cli(['list'], { ...env, TNT_TOKEN_TTL_SECONDS: 'soon' });
    expect(result).toMatchObject({ code: 2, err: [expect.stringContaining('TNT_TOKEN_TTL_SECONDS must be an integer')] });
  });

  it('prints its usage for --help', async () => {
    expect((await cli(['--help'], env)).out[0]).toContain('users token <username>');
  });
});

describe('readFirstLine', () => {
  it('reads a piped password without its line ending, ignoring later lines', async () => {
    const input = new PassThrough();
    const line = readFirstLine(input);
    input.write('pa55 word\r\n');
    input.end('second line\n');
    expect(await line).toBe('pa55 word');
  });
});
