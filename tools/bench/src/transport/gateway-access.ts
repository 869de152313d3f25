import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Credentials for a gateway that authenticates its sockets. */
export interface GatewayAccess {
  /** Sent as `X-API-Key` on `/ingest/*`. */
  readonly ingestApiKey: string;
  /** A supervisor's UI token (sees every call). */
  readonly supervisorToken: string;
  /** A UI token of an agent user (sees that agent's calls), created on first use. */
  agentToken(agentId: string): Promise<string>;
}

/** The shape of the built `@tnt/server/feature-auth/testing` entry point this module uses. */
interface TestAccessModule {
  prepareTestAccess(dataDir: string): Promise<{
    readonly ingestApiKey: string;
    readonly supervisorToken: string;
    tokenFor(username: string, role: 'supervisor' | 'agent', agentId?: string): Promise<string>;
  }>;
}

/** Where the build puts the auth lib's test-access helper (the same one the e2e suite uses). */
const TEST_ACCESS_MODULE = join(workspaceRoot(), 'dist', 'server', 'libs', 'server', 'feature-auth', 'src', 'testing', 'index.js');

/**
 * Prepares `dataDir` before the gateway starts on it (JWT secret, ingest key, a supervisor) and
 * returns the credentials; undefined for a build of the gateway without authentication.
 * The helper is loaded from the build at run time: benchmark code (scope:tools) may not import
 * server libs, and the gateway's own `users` tooling has no command-line entry point yet.
 */
export async function prepareGatewayAccess(dataDir: string): Promise<GatewayAccess | undefined> {
  if (!existsSync(TEST_ACCESS_MODULE)) return undefined;
  const { prepareTestAccess } = require(TEST_ACCESS_MODULE) as TestAccessModule;
  const access = await prepareTestAccess(dataDir);
  const agentTokens = new Map<string, Promise<string>>();
  return {
    ingestApiKey: access.ingestApiKey,
    supervisorToken: access.supervisorToken,
    agentToken: (agentId) => {
      // Users are added to one file one after another; the promise chain keeps them in order.
      let token = agentTokens.get(agentId);
      if (!token) agentTokens.set(agentId, (token = access.tokenFor(`bench-${agentId}`, 'agent', agentId)));
      return token;
    },
  };
}
