/**
 * The e2e tests start the gateway through the shared tools helper, with credentials prepared in
 * its data directory: `wsUrl` carries a supervisor token, `ingestApiKey` opens the ingest sockets.
 */
import { prepareTestAccess, type TestAccess } from '@tnt/server/feature-auth/testing';
import type { GatewayCredentials } from '@tnt/tools/feature-simulator';
import { startGateway as startGatewayProcess, USERS_CLI, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export { runGatewayToExit, GATEWAY_MAIN } from '@tnt/tools/util-gateway-process';

/** A started gateway plus the credentials to use it. */
export interface AuthenticatedGateway extends GatewayProcess {
  readonly access: TestAccess;
}
export type { AuthenticatedGateway as GatewayProcess };

/** Starts the gateway on a data directory (a fresh one unless `env.TNT_DATA_DIR`) prepared with test credentials. */
export async function startGateway(env: Record<string, string> = {}, timeoutMs?: number): Promise<AuthenticatedGateway> {
  const dataDir = env['TNT_DATA_DIR'] ?? mkdtempSync(join(tmpdir(), 'tnt-e2e-'));
  const access = await prepareTestAccess(dataDir);
  // With TNT_STORE=postgres the gateway signs in from the PostgreSQL users table: the test's supervisor is added there too.
  if (env['TNT_STORE'] === 'postgres') {
    execFileSync(process.execPath, [USERS_CLI, 'add', 'e2e-supervisor', '--role', 'supervisor', '--replace'], {
      env: { ...process.env, ...env },
      input: `${randomBytes(12).toString('base64url')}\n`,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
  }
  const gateway = await startGatewayProcess({ ...access.env, ...env }, timeoutMs);
  return Object.assign(gateway, { wsUrl: `${gateway.wsUrl}?token=${access.supervisorToken}`, access });
}

/** The credentials the simulator needs for this gateway. */
export function credentialsOf(gateway: AuthenticatedGateway): GatewayCredentials {
  return { ingestApiKey: gateway.access.ingestApiKey, token: gateway.access.supervisorToken };
}
