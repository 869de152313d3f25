import { isUserRole, loadOrCreateJwtSecret, UserDirectory, UserDirectoryError, type UserSummary } from '@tnt/server/data-access-users';
import { PostgresUserDirectory } from '@tnt/server/data-access-store-postgres';
import { ConfigError, loadConfig, type Environment } from '@tnt/server/util-config';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { LocalTokenService, type UserStore } from '@tnt/server/feature-auth';

/** What the CLI reads and writes; the real process passes its streams, tests their own. */
export interface UsersCliIo {
  /** The environment (TNT_DATA_DIR, TNT_JWT_SECRET, TNT_TOKEN_TTL_SECONDS; TNT_STORE, TNT_DATABASE_URL, TNT_DATABASE_SCHEMA). */
  readonly env: Environment;
  /** Writes one line of normal output (stdout). */
  out(line: string): void;
  /** Writes one line of diagnostics (stderr). */
  err(line: string): void;
  /** Asks for a password (hidden on a terminal, first line of stdin otherwise). */
  readPassword(prompt: string): Promise<string>;
}

/** A user store opened for one command, and how to let go of it (a database pool must be closed). */
export interface OpenedUserStore {
  readonly users: UserStore;
  close(): Promise<void>;
}

/** Opens the user store the command works on; `dataDir` is `--data-dir` or the configured data directory. */
export type UserStoreOpener = (dataDir: string, io: UsersCliIo) => Promise<OpenedUserStore>;

/**
 * The store the gateway would use with the same environment: with `TNT_STORE=postgres` the users
 * table in `TNT_DATABASE_SCHEMA` at `TNT_DATABASE_URL` (shared by every instance of a cluster),
 * otherwise `<data dir>/users.json`.
 */
export const openConfiguredUsers: UserStoreOpener = async (dataDir, io) => {
  const config = loadConfig(io.env);
  if (config.store === 'postgres') {
    const users = await PostgresUserDirectory.open({ connectionString: config.databaseUrl, schema: config.databaseSchema });
    return { users, close: () => users.close() };
  }
  return {
    users: UserDirectory.inDataDir(dataDir, { onWarning: (message) => io.err(`warning: ${message}`) }),
    close: async () => undefined,
  };
};

/** Exit codes: 0 done, 1 the operation failed, 2 the command line or configuration is wrong. */
export const USERS_CLI_EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/** The help text. */
export const USERS_CLI_USAGE = `Manage TnT's built-in users (the file <data dir>/users.json, or with TNT_STORE=postgres
the users table every instance of a cluster shares).

  users add <username> --role supervisor|agent [--agent-id <id>] [--replace] [--generate-password]
        asks for the password (hidden on a terminal; first line of stdin when piped)
  users list [--json]
  users remove <username>
  users token <username> [--ttl <seconds>] [--json]
        prints a token for scripts and load tools (keep it secret)

Options: --data-dir <dir> (default: TNT_DATA_DIR or ./data), --help`;

class UsageError extends Error {}

const OPTIONS = {
  role: { type: 'string' },
  'agent-id': { type: 'string' },
  replace: { type: 'boolean' },
  'generate-password': { type: 'boolean' },
  json: { type: 'boolean' },
  ttl: { type: 'string' },
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function onlyUsername(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one username (got ${positionals.length})`);
  return positionals[0];
}

async function add(directory: UserStore, username: string, values: Values, io: UsersCliIo): Promise<void> {
  const role = values.role;
  if (!isUserRole(role)) throw new UsageError('--role must be supervisor or agent');
  let password: string;
  if (values['generate-password']) {
    password = randomBytes(15).toString('base64url');
  } else {
    password = await io.readPassword(`Password for ${username}: `);
    const again = await io.readPassword('Repeat it: ');
    if (again !== password) throw new UserDirectoryError('the two passwords differ');
  }
  const user = await directory.add(
    { username, password, role, ...(values['agent-id'] !== undefined ? { agentId: values['agent-id'] } : {}) },
    { replace: values.replace },
  );
  io.out(`${user.updatedAt ? 'replaced' : 'added'} ${user.role} ${user.username}${user.agentId ? ` (agentId ${user.agentId})` : ''}`);
  if (values['generate-password']) io.out(`password: ${password}`);
}

function printList(users: UserSummary[], json: boolean | undefined, io: UsersCliIo): void {
  if (json) return io.out(JSON.stringify(users));
  if (users.length === 0) return io.out('no users yet: add one with "users add <username> --role supervisor"');
  const rows = [
    ['USERNAME', 'ROLE', 'AGENT ID', 'CREATED'],
    ...users.map((user) => [user.username, user.role, user.agentId ?? '-', user.createdAt]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows)
    io.out(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
}

async function token(directory: UserStore, username: string, values: Values, env: Environment, io: UsersCliIo): Promise<void> {
  const config = loadConfig(env);
  const dataDir = values['data-dir'] ?? config.dataDir;
  const user = await directory.find(username);
  if (!user) throw new UserDirectoryError(`no user ${username}`);
  const ttl = values.ttl === undefined ? config.tokenTtlSeconds : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 60 || ttl > 2_592_000)
    throw new UsageError('--ttl must be an integer number of seconds from 60 to 2592000');
  const secret = config.jwtSecret ?? (await loadOrCreateJwtSecret(dataDir)).value;
  const issued = await new LocalTokenService(secret, ttl).issue({
    username: user.username,
    role: user.role,
    ...(user.agentId !== undefined ? { agentId: user.agentId } : {}),
  });
  io.out(values.json ? JSON.stringify({ token: issued.token, expiresAt: issued.expiresAt.toISOString() }) : issued.token);
}

async function run(argv: readonly string[], io: UsersCliIo, openUsers: UserStoreOpener): Promise<void> {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') return io.out(USERS_CLI_USAGE);
  const dataDir = values['data-dir'] ?? loadConfig(io.env).dataDir;
  const opened = await openUsers(dataDir, io);
  try {
    await runCommand(command, rest, values, opened.users, io);
  } finally {
    await opened.close();
  }
}

async function runCommand(command: string, rest: string[], values: Values, directory: UserStore, io: UsersCliIo): Promise<void> {
  switch (command) {
    case 'add':
      return add(directory, onlyUsername(rest), values, io);
    case 'list':
      if (rest.length > 0) throw new UsageError('list takes no username');
      return printList(await directory.list(), values.json, io);
    case 'remove': {
      const username = onlyUsername(rest);
      if (!(await directory.remove(username))) throw new UserDirectoryError(`no user ${username}`);
      return io.out(`removed ${username.trim().toLowerCase()}; their tokens stop working now`);
    }
    case 'token':
      return token(directory, onlyUsername(rest), values, io.env, io);
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

/**
 * The `users` command: add, list and remove built-in users and mint tokens, in the store
 * `openUsers` opens (by default the one the environment configures). Returns the exit code; expected
 * failures are explained on stderr, unexpected ones are rethrown.
 */
export async function runUsersCli(
  argv: readonly string[],
  io: UsersCliIo,
  openUsers: UserStoreOpener = openConfiguredUsers,
): Promise<number> {
  try {
    await run(argv, io, openUsers);
    return USERS_CLI_EXIT.OK;
  } catch (error) {
    if (error instanceof UserDirectoryError) {
      io.err(`error: ${error.message}`);
      return USERS_CLI_EXIT.FAILED;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return USERS_CLI_EXIT.USAGE;
    }
    const parseFailure =
      typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    if (error instanceof UsageError || parseFailure) {
      io.err(`error: ${(error as Error).message}\n\n${USERS_CLI_USAGE}`);
      return USERS_CLI_EXIT.USAGE;
    }
    throw error;
  }
}
