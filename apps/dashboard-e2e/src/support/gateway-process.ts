import { USERS_CLI, startGateway as startBuiltGateway, workspaceRoot, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The workspace root. */
export const WORKSPACE_ROOT = workspaceRoot();
/** The built dashboard the gateway serves at `/`. */
const DASHBOARD_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'dashboard', 'browser');

/** A demo account as the gateway's start-up banner lists it. */
export interface DemoAccount {
  readonly username: string;
  readonly password: string;
  readonly role: 'supervisor' | 'agent';
  readonly agentId?: string;
}

/** A token minted with the users CLI. */
export interface MintedToken {
  readonly token: string;
  readonly expiresAt: string;
}

/** The gateway process, its data directory and the demo accounts it created at start. */
export interface DemoGateway extends GatewayProcess {
  readonly dataDir: string;
  /** The demo accounts of this start (the passwords change at every start). */
  readonly accounts: readonly DemoAccount[];
  /** The ingest API key the gateway generated into its data directory (`x-api-key` on `/ingest/*`). */
  readonly ingestApiKey: string;
  /** The account named `username`; fails when the banner did not list it. */
  account(username: string): DemoAccount;
  /** A token for `username` from the users CLI, valid for `ttlSeconds` (60 at least) or the gateway's default. */
  mintToken(username: string, ttlSeconds?: number): Promise<MintedToken>;
}

/**
 * The demo accounts in the gateway's start-up banner, e.g.
 * `  agent      agent-1      password q3zRl9k-stpbDTJ8 (agentId agent-1)`.
 */
export function demoAccountsIn(output: string): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  for (const match of output.matchAll(/^ {2}(supervisor|agent) +(\S+) +password (\S+)(?: \(agentId (\S+)\))?$/gm)) {
    const [, role, username, password, agentId] = match;
    accounts.push({ username, password, role: role as DemoAccount['role'], ...(agentId !== undefined ? { agentId } : {}) });
  }
  return accounts;
}

/**
 * Starts the built gateway serving the built dashboard with demo calls (`TNT_DEMO=1`, which
 * also creates the demo accounts and prints their passwords), on `port` (0: any free port) and
 * a data directory: a fresh one unless `dataDir` is given (give the same one to restart the
 * gateway with the same signing secret, so the tokens it issued stay valid).
 */
export async function startGateway(
  port: number,
  env: Record<string, string> = {},
  options: { dataDir?: string; timeoutMs?: number } = {},
): Promise<DemoGateway> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tnt-dashboard-e2e-'));
  const gateway = await startBuiltGateway(
    { PORT: String(port), TNT_DEMO: '1', TNT_DASHBOARD_DIR: DASHBOARD_DIR, TNT_DATA_DIR: dataDir, ...env },
    options.timeoutMs ?? 20_000,
  );
  const accounts = demoAccountsIn(gateway.output());
  const ingestApiKey = /^ {2}ingest API key: (\S+)$/m.exec(gateway.output())?.[1];
  if (accounts.length === 0 || ingestApiKey === undefined) {
    await gateway.stop();
    throw new Error(`the gateway printed no demo accounts or no ingest key:\n${gateway.output()}`);
  }
  return Object.assign(gateway, {
    dataDir,
    accounts,
    ingestApiKey,
    account(username: string): DemoAccount {
      const account = accounts.find((candidate) => candidate.username === username);
      if (!account)
        throw new Error(`no demo account ${username}; the banner listed ${accounts.map((candidate) => candidate.username).join(', ')}`);
      return account;
    },
    async mintToken(username: string, ttlSeconds?: number): Promise<MintedToken> {
      const ttl = ttlSeconds === undefined ? [] : ['--ttl', String(ttlSeconds)];
      const { stdout } = await run(process.execPath, [USERS_CLI, 'token', username, '--json', ...ttl, '--data-dir', dataDir]);
      return JSON.parse(stdout) as MintedToken;
    },
  });
}
