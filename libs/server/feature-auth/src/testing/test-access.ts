import { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, UserDirectory, type UserRole } from '@tnt/server/data-access-users';
import { randomBytes } from 'node:crypto';
import { LocalTokenService } from '../lib/local-token-service';

/** Credentials for tests that drive a real gateway started on `dataDir`. */
export interface TestAccess {
  /** Environment for the gateway (its data directory). */
  readonly env: Readonly<Record<string, string>>;
  /** A valid ingest API key (`X-API-Key` header or `?apiKey=`). */
  readonly ingestApiKey: string;
  /** A token of the supervisor `e2e-supervisor` (`?token=` or `Sec-WebSocket-Protocol: bearer, <token>`). */
  readonly supervisorToken: string;
  /** A token for `username`, created with `role` (and `agentId`) if it does not exist yet. */
  tokenFor(username: string, role: UserRole, agentId?: string): Promise<string>;
}

/**
 * Prepares `dataDir` before a gateway starts on it, so end-to-end tests can authenticate: the
 * JWT secret and ingest key the gateway will load, and a supervisor. Tokens live an hour.
 */
export async function prepareTestAccess(dataDir: string): Promise<TestAccess> {
  const directory = UserDirectory.inDataDir(dataDir);
  const tokens = new LocalTokenService((await loadOrCreateJwtSecret(dataDir)).value, 3600);
  const tokenFor = async (username: string, role: UserRole, agentId?: string): Promise<string> => {
    if (!(await directory.find(username))) {
      await directory.add({
        username,
        role,
        password: randomBytes(12).toString('base64url'),
        ...(agentId !== undefined ? { agentId } : {}),
      });
    }
    return (await tokens.issue({ username, role, ...(agentId !== undefined ? { agentId } : {}) })).token;
  };
  return {
    env: { TNT_DATA_DIR: dataDir },
    ingestApiKey: (await loadOrCreateIngestApiKeys(dataDir)).keys[0],
    supervisorToken: await tokenFor('e2e-supervisor', 'supervisor'),
    tokenFor,
  };
}
