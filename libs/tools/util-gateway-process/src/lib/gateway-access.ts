import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { workspaceRoot } from './workspace-root';

const run = promisify(execFile);

/** The built user-admin CLI (`apps/users-cli`). */
export const USERS_CLI = join(workspaceRoot(), 'dist', 'server', 'apps', 'users-cli', 'src', 'main.js');

/** Credentials for a gateway started on a prepared data directory. */
export interface GatewayAccess {
  readonly dataDir: string;
  /** Environment that points the gateway at the data directory and its ingest key. */
  readonly env: Record<string, string>;
  /** Sent as `x-api-key` on `/ingest/*`. */
  readonly ingestApiKey: string;
  /** A supervisor's token for `/ws` and `/api`. */
  readonly supervisorToken: string;
}

/**
 * Prepares a data directory (a new temporary one unless given) the way an operator would, with
 * the built `users` CLI: a supervisor account and its token, plus an ingest API key.
 */
export async function provisionAccess(dataDir?: string): Promise<GatewayAccess> {
  const directory = dataDir ?? (await mkdtemp(join(tmpdir(), 'tnt-gateway-')));
  const token = await provisionUser(directory, 'supervisor', ['--role', 'supervisor']);
  const ingestApiKey = `tnt_ingest_${randomBytes(24).toString('base64url')}`;
  return { dataDir: directory, env: { TNT_DATA_DIR: directory, TNT_INGEST_API_KEYS: ingestApiKey }, ingestApiKey, supervisorToken: token };
}

/**
 * Adds an agent account bound to `agentId` to a provisioned data directory, with the built
 * `users` CLI, and returns its token. Calls for one directory must not overlap (the CLI
 * rewrites the users file).
 */
export function provisionAgent(access: GatewayAccess, username: string, agentId: string): Promise<string> {
  return provisionUser(access.dataDir, username, ['--role', 'agent', '--agent-id', agentId]);
}

async function provisionUser(dataDir: string, username: string, roleArguments: readonly string[]): Promise<string> {
  const cli = (...args: string[]) => run(process.execPath, [USERS_CLI, ...args, '--data-dir', dataDir]);
  await cli('add', username, ...roleArguments, '--generate-password', '--replace');
  const { stdout } = await cli('token', username, '--json');
  return (JSON.parse(stdout) as { token: string }).token;
}
