import { startGateway as startBuiltGateway, USERS_CLI, workspaceRoot, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HISTORY_PAGE, HISTORY_TRANSCRIPT, validate, type HistoryCall, type HistoryTranscript, type Schema } from '@tnt/protocol';

const run = promisify(execFile);

/** The built dashboard the gateway serves at `/`. */
const DASHBOARD_DIR = join(workspaceRoot(), 'dist', 'apps', 'dashboard', 'browser');

/** The store a history gateway keeps its calls in: SQLite in the data dir (the default), or e.g. a PostgreSQL schema. */
export type StoreEnvironment = Readonly<Record<string, string>>;

/** SQLite in the data directory, the store of `npm start`. */
export const SQLITE_STORE: StoreEnvironment = { TNT_STORE: 'sqlite' };

/**
 * Starts the built gateway on `port` (0: any free one) with the durable store `store` (SQLite in
 * `dataDir` by default), serving the built dashboard, with live demo calls: the simulator streams
 * the fixture conversations (real speech) through /ingest/l16 into pocketsphinx.
 */
export function startHistoryGateway(port: number, dataDir: string, store: StoreEnvironment = SQLITE_STORE): Promise<GatewayProcess> {
  return startBuiltGateway(
    {
      PORT: String(port),
      TNT_DATA_DIR: dataDir,
      ...store,
      TNT_ENGINE: 'pocketsphinx',
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '2',
      TNT_DEMO_SPEED: '1',
      TNT_DASHBOARD_DIR: DASHBOARD_DIR,
    },
    30_000,
  );
}

/** A user made with the operator's CLI: the password to sign in with in the browser, and a token for the test's own API calls. */
export interface ProvisionedUser {
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

/**
 * Adds a supervisor to `dataDir` with the built `users` CLI, as an operator would, before the gateway
 * starts; with a PostgreSQL `store`, to its users table too, with the same password.
 */
export async function provisionSupervisor(
  dataDir: string,
  username: string,
  store: StoreEnvironment = SQLITE_STORE,
): Promise<ProvisionedUser> {
  const cli = (...args: string[]) => run(process.execPath, [USERS_CLI, ...args, '--data-dir', dataDir]);
  const added = await cli('add', username, '--role', 'supervisor', '--generate-password');
  const password = /^password: (\S+)$/m.exec(added.stdout)?.[1];
  if (!password) throw new Error(`the users CLI printed no password:\n${added.stdout}`);
  if (store['TNT_STORE'] === 'postgres') await addWithPassword({ ...process.env, ...store }, username, password);
  const { token } = JSON.parse((await cli('token', username, '--json')).stdout) as { token: string };
  return { username, password, token };
}

/** `users add` with the password on standard input, in the environment `env`. */
function addWithPassword(env: NodeJS.ProcessEnv, username: string, password: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [USERS_CLI, 'add', username, '--role', 'supervisor', '--replace'], {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`users add ${username} exited with ${code}: ${stderr}`))));
    child.stdin.end(`${password}\n`);
  });
}

/** A stored call as `GET /api/calls` lists it: the protocol's `HISTORY_CALL`. */
export type StoredCall = HistoryCall;

/** The test's own client of the gateway's history API, with a bearer token; answers are checked against the protocol's schemas. */
export class HistoryApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  /** `GET /api/calls?query` (calls only; the test pages no further). */
  async listCalls(query: string): Promise<StoredCall[]> {
    return (await this.json(HISTORY_PAGE, `/api/calls?${query}`)).calls;
  }

  /** `GET /api/calls/:id/transcript?format=json`: the call and every final segment the server stored. */
  transcript(callId: string): Promise<HistoryTranscript> {
    return this.json(HISTORY_TRANSCRIPT, `/api/calls/${encodeURIComponent(callId)}/transcript?format=json`);
  }

  private async json<T>(schema: Schema<T>, path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}` } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${body}`);
    const checked = validate(schema, JSON.parse(body));
    if (!checked.ok) throw new Error(`GET ${path} answered something the protocol does not allow: ${checked.message}`);
    return checked.value;
  }
}
