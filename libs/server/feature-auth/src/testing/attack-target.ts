import { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, UserDirectory } from '@tnt/server/data-access-users';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { LocalTokenService } from '../lib/local-token-service';

/** The kinds of token an attack case can present. */
export type AttackTokenKind =
  | 'supervisor'
  | 'agent'
  | 'limited-supervisor'
  | 'short-lived'
  | 'expired'
  | 'forged-signature'
  | 'promoted-payload'
  | 'unsigned'
  | 'other-secret'
  | 'removed-user'
  | 'foreign-rs256'
  | 'garbage'
  | 'oversized';

/** Everything the attack cases need: credentials made in the gateway's data directory, and its environment. */
export interface AttackTarget {
  /** Tokens by kind (the bad ones deliberately so), except `short-lived`. */
  readonly tokens: Readonly<Record<Exclude<AttackTokenKind, 'short-lived'>, string>>;
  /** Mints a fresh supervisor token that expires after {@link ATTACK_LIMITS.shortLivedTokenSeconds}. */
  shortLivedToken(): Promise<string>;
  /** A valid ingest API key. */
  readonly ingestApiKey: string;
  /** The Twilio auth token the gateway is started with. */
  readonly twilioAuthToken: string;
  /** Password of the supervisor `sam` (the agent `ana` is agent-1; both also exist as demo calls' agents). */
  readonly passwords: Readonly<Record<'sam' | 'ana', string>>;
  /** Environment to start the gateway with (add PORT/HOST as usual). */
  readonly env: Readonly<Record<string, string>>;
}

/** Limits the attack suite starts the gateway with, so each limit can be reached in a few requests. */
export const ATTACK_LIMITS = {
  connectionsPerUser: 3,
  subscriptionsPerConnection: 2,
  headersTimeoutMs: 1000,
  loginAttemptsPerMinute: 8,
  shortLivedTokenSeconds: 2,
} as const;

/**
 * Prepares `dataDir` for an attack run before the gateway starts on it: users `sam`
 * (supervisor), `ana` (agent-1), `carl` (supervisor, for the connection limit) and a removed
 * `bob`; the JWT secret and ingest key the gateway will load; and every kind of token.
 */
export async function prepareAttackTarget(dataDir: string): Promise<AttackTarget> {
  const directory = UserDirectory.inDataDir(dataDir);
  const passwords = { sam: 'sam-attack-password', ana: 'ana-attack-password' };
  await directory.add({ username: 'sam', password: passwords.sam, role: 'supervisor' }, { replace: true });
  await directory.add({ username: 'ana', password: passwords.ana, role: 'agent', agentId: 'agent-1' }, { replace: true });
  await directory.add({ username: 'carl', password: 'carl-attack-password', role: 'supervisor' }, { replace: true });
  await directory.add({ username: 'bob', password: 'bob-attack-password', role: 'agent', agentId: 'agent-2' }, { replace: true });
  const secret = (await loadOrCreateJwtSecret(dataDir)).value;
  const local = new LocalTokenService(secret, 3600);
  const supervisor = (await local.issue({ username: 'sam', role: 'supervisor' })).token;
  const agent = (await local.issue({ username: 'ana', role: 'agent', agentId: 'agent-1' })).token;
  const removed = (await local.issue({ username: 'bob', role: 'agent', agentId: 'agent-2' })).token;
  await directory.remove('bob');
  const key = new TextEncoder().encode(secret);
  const claims = (role: string) =>
    new SignJWT({ role }).setProtectedHeader({ alg: 'HS256' }).setSubject('sam').setIssuer('tnt').setAudience('tnt');
  const [header, payload, signature] = agent.split('.');
  const promoted = Buffer.from(
    JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'supervisor' }),
  ).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256');
  return {
    tokens: {
      supervisor,
      agent,
      'limited-supervisor': (await local.issue({ username: 'carl', role: 'supervisor' })).token,
      expired: await claims('supervisor')
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .sign(key),
      'forged-signature': supervisor.slice(0, supervisor.lastIndexOf('.') + 1) + Buffer.from('not the signature').toString('base64url'),
      'promoted-payload': `${header}.${promoted}.${signature}`,
      unsigned: new UnsecuredJWT({ role: 'supervisor' })
        .setSubject('sam')
        .setIssuer('tnt')
        .setAudience('tnt')
        .setExpirationTime('1h')
        .encode(),
      'other-secret': await claims('supervisor')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('a-different-secret-of-32-characters-or-more')),
      'removed-user': removed,
      'foreign-rs256': await new SignJWT({ role: 'supervisor' })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('sam')
        .setExpirationTime('1h')
        .sign(privateKey),
      garbage: 'not-a-jwt',
      oversized: `eyJ${'A'.repeat(9000)}.e30.sig`,
    },
    shortLivedToken: async () => (await local.issue({ username: 'sam', role: 'supervisor' }, ATTACK_LIMITS.shortLivedTokenSeconds)).token,
    ingestApiKey: (await loadOrCreateIngestApiKeys(dataDir)).keys[0],
    twilioAuthToken: 'attack-suite-twilio-auth-token',
    passwords,
    env: {
      TNT_DATA_DIR: dataDir,
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '2',
      TNT_TWILIO_AUTH_TOKEN: 'attack-suite-twilio-auth-token',
      TNT_MAX_CONNECTIONS_PER_USER: String(ATTACK_LIMITS.connectionsPerUser),
      TNT_MAX_SUBSCRIPTIONS_PER_CONNECTION: String(ATTACK_LIMITS.subscriptionsPerConnection),
      TNT_HEADERS_TIMEOUT_MS: String(ATTACK_LIMITS.headersTimeoutMs),
      TNT_LOGIN_ATTEMPTS_PER_MINUTE: String(ATTACK_LIMITS.loginAttemptsPerMinute),
    },
  };
}
