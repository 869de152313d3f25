/** What a tool needs to talk to a secured gateway. */
export interface GatewayCredentials {
  /** Sent as `x-api-key` on `/ingest/*` upgrades. */
  readonly ingestApiKey: string;
  /** A UI token, sent as the `bearer, <token>` subprotocol on `/ws`. */
  readonly token: string;
  /** The client secret paired with `ingestApiKey` in TNT_AUDIOHOOK_CREDENTIALS: `/ingest/audiohook` upgrades are signed with it. */
  readonly audiohookClientSecret?: string;
  /** The Genesys organization id `/ingest/audiohook` sessions are of (one of TNT_AUDIOHOOK_ORGANIZATION_IDS when set). */
  readonly audiohookOrganizationId?: string;
}

/** The headers that carry an ingest API key. */
export function ingestHeaders(ingestApiKey: string): Record<string, string> {
  return { 'x-api-key': ingestApiKey };
}

/** Credentials from `TNT_INGEST_API_KEY` and `TNT_TOKEN`, or an error naming what is missing. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv = process.env): GatewayCredentials {
  const ingestApiKey = env['TNT_INGEST_API_KEY'];
  const token = env['TNT_TOKEN'];
  if (!ingestApiKey || !token) {
    throw new Error(
      'set TNT_INGEST_API_KEY (an ingest key) and TNT_TOKEN (a supervisor token, e.g. from `users token supervisor`), ' +
        'or pass --api-key and --token',
    );
  }
  return { ingestApiKey, token };
}
