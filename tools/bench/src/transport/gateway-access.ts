import { provisionAccess, provisionAgent } from '@tnt/tools/util-gateway-process';

/** Credentials for a gateway that authenticates its sockets. */
export interface GatewayAccess {
  /** Environment pointing the gateway at its data directory and ingest key. */
  readonly env: Record<string, string>;
  /** Sent as `X-API-Key` on `/ingest/*`. */
  readonly ingestApiKey: string;
  /** A supervisor's UI token (sees every call). */
  readonly supervisorToken: string;
  /** A UI token of an agent user (sees that agent's calls), created on first use. */
  agentToken(agentId: string): Promise<string>;
}

/**
 * Prepares `dataDir` before the gateway starts on it the way an operator would, with the built
 * `users` CLI: a supervisor, an ingest key, and agent accounts as the scenarios ask for them.
 */
export async function prepareGatewayAccess(dataDir: string): Promise<GatewayAccess> {
  const access = await provisionAccess(dataDir);
  const agentTokens = new Map<string, Promise<string>>();
  let lastUserAdded: Promise<unknown> = Promise.resolve();
  return {
    env: access.env,
    ingestApiKey: access.ingestApiKey,
    supervisorToken: access.supervisorToken,
    agentToken: (agentId) => {
      let token = agentTokens.get(agentId);
      if (!token) {
        // The CLI rewrites the users file, so accounts are added one after another.
        token = lastUserAdded.then(() => provisionAgent(access, `bench-${agentId}`, agentId));
        lastUserAdded = token.catch(() => undefined);
        agentTokens.set(agentId, token);
      }
      return token;
    },
  };
}
