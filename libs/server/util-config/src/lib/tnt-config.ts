import { readDeepgramConfig, type DeepgramConfig } from './deepgram-config';
import { readDomainLanguageConfig, type DomainLanguageConfig } from './domain-language-config';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ConfigError, readBoolean, readChoice, readInteger, readPositiveNumber, readString, type Environment } from './env-parsers';
import { readExtensionsConfig, type ExtensionsConfig } from './extensions-config';
import { readScriptedRealTimeFactor, readSpeechCapacityConfig, type SpeechCapacityConfig } from './speech-capacity-config';
import { readTranscriptFormatConfig, type TranscriptFormatConfig } from './transcript-format-config';

/** Speech-to-text engines the gateway can run; `deepgram` is the one that leaves the machine (a cloud API). */
export const ENGINE_NAMES = ['pocketsphinx', 'scripted', 'deepgram'] as const;

/** A speech-to-text engine name, see {@link ENGINE_NAMES}. */
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Where calls and their events are kept: a SQLite file in the data directory, memory only, or PostgreSQL. */
export const STORE_KINDS = ['sqlite', 'memory', 'postgres'] as const;

/** How call events reach every subscriber: in this process, or through Redis Streams to every instance. */
export const BUS_KINDS = ['local', 'redis'] as const;

/** A bus kind, see {@link BUS_KINDS}. */
export type BusKind = (typeof BUS_KINDS)[number];

/** A call store kind, see {@link STORE_KINDS}. */
export type StoreKind = (typeof STORE_KINDS)[number];

/** Log levels, most verbose last. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

/** The ingest endpoints the live demo can stream through. */
export const DEMO_ENDPOINTS = ['l16', 'twilio', 'audiohook'] as const;
/** One of {@link DEMO_ENDPOINTS}. */
export type DemoEndpoint = (typeof DEMO_ENDPOINTS)[number];

/** One Genesys AudioHook integration's credentials. */
export interface AudioHookCredential {
  /** The API key Genesys sends in `X-API-KEY` (and as the signature's `keyid`). */
  readonly apiKey: string;
  /** The client secret, base64: its bytes key the HMAC-SHA256 signature. */
  readonly clientSecret: string;
}

/** Validated gateway configuration; every field comes from an environment variable with a default. */
export interface TntConfig {
  /** PORT: HTTP and WebSocket port; 0 picks a free one (printed at start-up). */
  readonly port: number;
  /** HOST: interface to listen on. */
  readonly host: string;
  /** TNT_ENGINE: speech-to-text engine. */
  readonly engine: EngineName;
  /** TNT_LANGUAGE: language of the calls, BCP-47. */
  readonly language: string;
  /** TNT_STT_WORKERS: speech-to-text worker threads; 0 means the engine's default (pocketsphinx: four per core). */
  readonly sttWorkers: number;
  /**
   * TNT_POCKETSPHINX_SHARED_LM: all pocketsphinx decoders share one language model (each decoding thread
   * through a view of its own) and read only its words from the dictionary (about half the memory per
   * live stream); false loads a whole model and dictionary per decoder.
   */
  readonly pocketsphinxSharedLm: boolean;
  /** TNT_DOMAIN_TEXT_FILE, TNT_VOCABULARY_FILE: the domain language model built at start. */
  readonly domainLanguage: DomainLanguageConfig;
  /** TNT_DEEPGRAM_*: the cloud engine's key, endpoint and model (`TNT_ENGINE=deepgram` only, else null). */
  readonly deepgram: DeepgramConfig | null;
  /** TNT_CAPACITY_*: when new calls are refused because speech-to-text is at its measured capacity. */
  readonly speechCapacity: SpeechCapacityConfig;
  /** TNT_SCRIPTED_REAL_TIME_FACTOR: SIMULATED decoding cost the scripted engine reports (0: none). */
  readonly scriptedRealTimeFactor: number;
  /** TNT_REDACTION, TNT_REDACTION_ENTITIES, TNT_ALERT_RULES_FILE, TNT_ASSIST_CARDS_FILE: the bundled extension modules. */
  readonly extensions: ExtensionsConfig;
  /** TNT_FORMAT_TRANSCRIPTS, TNT_PROPER_NOUNS(_FILE): how segments are made readable before they are stored and sent. */
  readonly transcriptFormat: TranscriptFormatConfig;
  /** TNT_DEMO: start live demo calls. */
  readonly demo: boolean;
  /** TNT_DEMO_CALLS: how many demo calls overlap. */
  readonly demoCalls: number;
  /** TNT_DEMO_SPEED: demo pace, 1 = real time. */
  readonly demoSpeed: number;
  /** TNT_DEMO_ENDPOINT: the ingest endpoint the live demo's simulator streams through (`l16`, `twilio` or `audiohook`). */
  readonly demoEndpoint: DemoEndpoint;
  /** TNT_HEARTBEAT_INTERVAL_MS: interval of the server's WebSocket ping frames and the advertised client ping interval. */
  readonly heartbeatIntervalMs: number;
  /** TNT_HEARTBEAT_TIMEOUT_MS: a peer that has not answered a ping within this is terminated. */
  readonly heartbeatTimeoutMs: number;
  /** TNT_HISTORY_SIZE: events kept in memory per call for replay with `since`. */
  readonly historySize: number;
  /** TNT_ENDED_CALL_RETENTION_MS: how long an ended call stays in memory. */
  readonly endedCallRetentionMs: number;
  /**
   * TNT_STORE_BACKLOG_PER_CALL: final segments and call events one call may have waiting while the
   * store (PostgreSQL) cannot be reached; one more ends the call as `store-unavailable`.
   */
  readonly storeBacklogPerCall: number;
  /** TNT_MAX_FRAME_BYTES: largest frame accepted on the UI socket (larger: error and close 1009). */
  readonly maxFrameBytes: number;
  /** TNT_MAX_QUEUED_BYTES: messages a slow client may have waiting before it gets SLOW_CONSUMER and close 1013. */
  readonly maxQueuedBytes: number;
  /** TNT_SHUTDOWN_DRAIN_MS: the longest a graceful shutdown may take. */
  readonly shutdownDrainMs: number;
  /** TNT_LOG_LEVEL: the most verbose level logged. */
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** TNT_LOG_FORMAT: `json` (one pino object per line) or `text` (Nest's console format). */
  readonly logFormat: 'json' | 'text';
  /** TNT_DASHBOARD_DIR: folder of the built dashboard served at `/`. */
  readonly dashboardDir: string;
  /** TNT_STORE: `sqlite` keeps calls on disk across restarts; `memory` keeps nothing on disk; `postgres` shares them between instances. */
  readonly store: StoreKind;
  /** TNT_BUS: `local` serves one process; `redis` (with `TNT_STORE=postgres`) makes this instance one of a cluster. */
  readonly bus: BusKind;
  /** TNT_DATABASE_URL: PostgreSQL connection string (`TNT_STORE=postgres`). */
  readonly databaseUrl: string;
  /** TNT_DATABASE_SCHEMA: PostgreSQL schema holding TnT's tables (created when missing). */
  readonly databaseSchema: string;
  /** TNT_REDIS_URL: Redis URL (`TNT_BUS=redis`). */
  readonly redisUrl: string;
  /** TNT_REDIS_PREFIX: prefix of every Redis key TnT uses, so several deployments can share one Redis. */
  readonly redisPrefix: string;
  /** TNT_INSTANCE_ID: this instance's name in a cluster (owner of the calls whose audio it holds); unique per process. */
  readonly instanceId: string;
  /** TNT_LEASE_MS: an instance that has not renewed its liveness key for this long is dead; its calls are ended. */
  readonly leaseMs: number;
  /** TNT_LEASE_RENEW_MS: how often an instance renews its liveness key (and looks for dead instances' calls). */
  readonly leaseRenewMs: number;
  /** TNT_STREAM_RETENTION_MINUTES: how long events stay on the Redis stream (replay beyond that comes from PostgreSQL). */
  readonly streamRetentionMinutes: number;
  /** TNT_DATA_DIR: folder of the SQLite database (created when missing). */
  readonly dataDir: string;
  /** TNT_RETENTION_DAYS: ended calls older than this are deleted from disk; 0 keeps them forever. */
  readonly retentionDays: number;
  /** TNT_JWT_SECRET: HS256 key of the gateway's own tokens (at least 32 characters); unset: generated into `<data dir>/jwt-secret`. */
  readonly jwtSecret: string | undefined;
  /** TNT_TOKEN_TTL_SECONDS: lifetime of the tokens the gateway issues (login and CLI). */
  readonly tokenTtlSeconds: number;
  /** TNT_JWKS_URL: JWKS of an external identity provider whose RS/ES/PS-signed tokens are accepted as well. */
  readonly jwksUrl: string | undefined;
  /** TNT_JWT_ISSUER: required `iss` of external tokens (unchecked when unset). */
  readonly jwtIssuer: string | undefined;
  /** TNT_JWT_AUDIENCE: required `aud` of external tokens (unchecked when unset). */
  readonly jwtAudience: string | undefined;
  /** TNT_JWT_ROLE_CLAIM: claim of external tokens holding the role (`supervisor`/`agent`, or a list containing one). */
  readonly jwtRoleClaim: string;
  /** TNT_JWT_AGENT_CLAIM: claim of external tokens holding an agent's agent id. */
  readonly jwtAgentClaim: string;
  /** TNT_ALLOWED_ORIGINS: browser origins allowed besides the gateway's own (comma-separated, e.g. `http://localhost:4200`). */
  readonly allowedOrigins: readonly string[];
  /** TNT_PUBLIC_URL: the URL clients and Twilio use to reach the gateway (behind a proxy), e.g. `https://tnt.example.com`. */
  readonly publicUrl: string | undefined;
  /** TNT_TWILIO_AUTH_TOKEN: when set, `/ingest/twilio` accepts upgrades signed with `X-Twilio-Signature`. */
  readonly twilioAuthToken: string | undefined;
  /** TNT_INGEST_API_KEYS: comma-separated ingest API keys; unset: one is generated into `<data dir>/ingest-api-keys`. */
  readonly ingestApiKeys: readonly string[];
  /**
   * TNT_AUDIOHOOK_CREDENTIALS: comma-separated `apiKey:clientSecret` pairs of Genesys AudioHook
   * integrations (the secret base64, as Genesys shows it); an upgrade with such a key must carry a valid
   * HTTP message signature made with its secret.
   */
  readonly audiohookCredentials: readonly AudioHookCredential[];
  /** TNT_AUDIOHOOK_ORGANIZATION_IDS: Genesys organization ids allowed on `/ingest/audiohook` (unset: any). */
  readonly audiohookOrganizationIds: readonly string[];
  /** TNT_AUDIOHOOK_SIGNATURE_MAX_AGE_SECONDS: oldest `created` of an AudioHook upgrade signature accepted. */
  readonly audiohookSignatureMaxAgeSeconds: number;
  /**
   * TNT_AUDIOHOOK_RECONNECT_GRACE_MS: how long the call of an AudioHook session that closed with reason
   * `reconnect`, or lost its connection, stays live for a session that continues it (`continuedSessions`); 0: ends at once.
   */
  readonly audiohookReconnectGraceMs: number;
  /** TNT_LOGIN_ATTEMPTS_PER_MINUTE: login attempts allowed per client address and per username. */
  readonly loginAttemptsPerMinute: number;
  /** TNT_WS_MESSAGES_PER_SECOND: sustained messages per second a UI connection may send. */
  readonly wsMessagesPerSecond: number;
  /** TNT_WS_MESSAGE_BURST: messages a UI connection may send at once above that rate. */
  readonly wsMessageBurst: number;
  /** TNT_MAX_SUBSCRIPTIONS_PER_CONNECTION: subscriptions one UI connection may hold. */
  readonly maxSubscriptionsPerConnection: number;
  /** TNT_MAX_CONNECTIONS_PER_USER: UI connections one user may hold at once. */
  readonly maxConnectionsPerUser: number;
  /** TNT_MAX_CONNECTIONS_PER_IP: UI connections one client address may hold at once. */
  readonly maxConnectionsPerIp: number;
  /** TNT_HEADERS_TIMEOUT_MS: a new connection must send its complete request (or upgrade) headers within this. */
  readonly headersTimeoutMs: number;
  /** TNT_MAX_INGEST_FRAME_BYTES: largest frame accepted on the ingest sockets. */
  readonly maxIngestFrameBytes: number;
  /** TNT_MAX_JSON_DEPTH: deepest nesting of objects/arrays accepted in a JSON frame (UI socket and ingest) or body. */
  readonly maxJsonDepth: number;
}

/**
 * Reads and validates the configuration; throws a `ConfigError` naming the first bad variable.
 */
export function loadConfig(env: Environment): TntConfig {
  const config: TntConfig = {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: readString(env, 'HOST', '0.0.0.0'),
    engine: readChoice(env, 'TNT_ENGINE', 'pocketsphinx', ENGINE_NAMES),
    language: readString(env, 'TNT_LANGUAGE', 'en-US'),
    sttWorkers: readInteger(env, 'TNT_STT_WORKERS', 0, 0, 256),
    pocketsphinxSharedLm: readBoolean(env, 'TNT_POCKETSPHINX_SHARED_LM', true),
    domainLanguage: readDomainLanguageConfig(env),
    deepgram: readDeepgramConfig(env),
    speechCapacity: readSpeechCapacityConfig(env),
    scriptedRealTimeFactor: readScriptedRealTimeFactor(env),
    extensions: readExtensionsConfig(env),
    transcriptFormat: readTranscriptFormatConfig(env),
    demo: readBoolean(env, 'TNT_DEMO', false),
    demoCalls: readInteger(env, 'TNT_DEMO_CALLS', 3, 1, 1000),
    demoSpeed: readPositiveNumber(env, 'TNT_DEMO_SPEED', 1, 100),
    demoEndpoint: readChoice(env, 'TNT_DEMO_ENDPOINT', 'l16', DEMO_ENDPOINTS),
    heartbeatIntervalMs: readInteger(env, 'TNT_HEARTBEAT_INTERVAL_MS', 30_000, 100, 3_600_000),
    heartbeatTimeoutMs: readInteger(env, 'TNT_HEARTBEAT_TIMEOUT_MS', 5_000, 50, 600_000),
    historySize: readInteger(env, 'TNT_HISTORY_SIZE', 5_000, 1, 10_000_000),
    endedCallRetentionMs: readInteger(env, 'TNT_ENDED_CALL_RETENTION_MS', 600_000, 0, 604_800_000),
    storeBacklogPerCall: readInteger(env, 'TNT_STORE_BACKLOG_PER_CALL', 1_000, 1, 1_000_000),
    maxFrameBytes: readInteger(env, 'TNT_MAX_FRAME_BYTES', 65_536, 256, 16_777_216),
    maxQueuedBytes: readInteger(env, 'TNT_MAX_QUEUED_BYTES', 1_048_576, 1024, 1_073_741_824),
    shutdownDrainMs: readInteger(env, 'TNT_SHUTDOWN_DRAIN_MS', 5_000, 0, 600_000),
    logLevel: readChoice(env, 'TNT_LOG_LEVEL', 'log', LOG_LEVELS),
    logFormat: readChoice(env, 'TNT_LOG_FORMAT', 'json', ['json', 'text'] as const),
    dashboardDir: readString(env, 'TNT_DASHBOARD_DIR', 'dist/apps/dashboard/browser'),
    store: readChoice(env, 'TNT_STORE', 'sqlite', STORE_KINDS),
    dataDir: readString(env, 'TNT_DATA_DIR', './data'),
    retentionDays: readInteger(env, 'TNT_RETENTION_DAYS', 0, 0, 36_500),
    jwtSecret: readOptionalSecret(env, 'TNT_JWT_SECRET', 32),
    tokenTtlSeconds: readInteger(env, 'TNT_TOKEN_TTL_SECONDS', 28_800, 60, 2_592_000),
    jwksUrl: readOptionalUrl(env, 'TNT_JWKS_URL', ['http:', 'https:']),
    jwtIssuer: readOptionalString(env, 'TNT_JWT_ISSUER'),
    jwtAudience: readOptionalString(env, 'TNT_JWT_AUDIENCE'),
    jwtRoleClaim: readString(env, 'TNT_JWT_ROLE_CLAIM', 'role'),
    jwtAgentClaim: readString(env, 'TNT_JWT_AGENT_CLAIM', 'agentId'),
    allowedOrigins: readList(env, 'TNT_ALLOWED_ORIGINS', 'must be a comma-separated list of origins like https://host:port', isOrigin),
    publicUrl: readOptionalUrl(env, 'TNT_PUBLIC_URL', ['http:', 'https:', 'ws:', 'wss:']),
    twilioAuthToken: readOptionalSecret(env, 'TNT_TWILIO_AUTH_TOKEN', 16),
    ingestApiKeys: readSecretList(env, 'TNT_INGEST_API_KEYS', 16),
    audiohookCredentials: readAudioHookCredentials(env, 'TNT_AUDIOHOOK_CREDENTIALS'),
    audiohookOrganizationIds: readList(env, 'TNT_AUDIOHOOK_ORGANIZATION_IDS', 'must be comma-separated UUIDs', (item) => UUID.test(item)),
    audiohookSignatureMaxAgeSeconds: readInteger(env, 'TNT_AUDIOHOOK_SIGNATURE_MAX_AGE_SECONDS', 60, 5, 3600),
    audiohookReconnectGraceMs: readInteger(env, 'TNT_AUDIOHOOK_RECONNECT_GRACE_MS', 10_000, 0, 300_000),
    loginAttemptsPerMinute: readInteger(env, 'TNT_LOGIN_ATTEMPTS_PER_MINUTE', 10, 1, 10_000),
    wsMessagesPerSecond: readInteger(env, 'TNT_WS_MESSAGES_PER_SECOND', 20, 1, 10_000),
    wsMessageBurst: readInteger(env, 'TNT_WS_MESSAGE_BURST', 40, 1, 100_000),
    maxSubscriptionsPerConnection: readInteger(env, 'TNT_MAX_SUBSCRIPTIONS_PER_CONNECTION', 100, 1, 100_000),
    maxConnectionsPerUser: readInteger(env, 'TNT_MAX_CONNECTIONS_PER_USER', 20, 1, 100_000),
    maxConnectionsPerIp: readInteger(env, 'TNT_MAX_CONNECTIONS_PER_IP', 200, 1, 1_000_000),
    headersTimeoutMs: readInteger(env, 'TNT_HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
    maxIngestFrameBytes: readInteger(env, 'TNT_MAX_INGEST_FRAME_BYTES', 262_144, 1024, 16_777_216),
    maxJsonDepth: readInteger(env, 'TNT_MAX_JSON_DEPTH', 16, 1, 1000),
    bus: readChoice(env, 'TNT_BUS', 'local', BUS_KINDS),
    databaseUrl: readUrl(env, 'TNT_DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres', ['postgres:', 'postgresql:']),
    databaseSchema: readIdentifier(env, 'TNT_DATABASE_SCHEMA', 'tnt'),
    redisUrl: readUrl(env, 'TNT_REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisPrefix: readString(env, 'TNT_REDIS_PREFIX', 'tnt:'),
    instanceId: readInstanceId(env),
    leaseMs: readInteger(env, 'TNT_LEASE_MS', 10_000, 1_000, 600_000),
    leaseRenewMs: readInteger(env, 'TNT_LEASE_RENEW_MS', 3_000, 100, 300_000),
    streamRetentionMinutes: readInteger(env, 'TNT_STREAM_RETENTION_MINUTES', 10, 1, 10_080),
  };
  checkCluster(config);
  return config;
}

/** True when this instance is one of a cluster (`TNT_BUS=redis`). */
export function isCluster(config: TntConfig): boolean {
  return config.bus === 'redis';
}

/**
 * The settings a cluster needs together: every instance must share the store, the signing secret
 * and the ingest keys (a generated one would differ per instance), and renew its lease in time.
 */
function checkCluster(config: TntConfig): void {
  if (config.leaseRenewMs * 2 > config.leaseMs) {
    throw new ConfigError('TNT_LEASE_RENEW_MS', `must be at most half of TNT_LEASE_MS (${config.leaseMs})`, String(config.leaseRenewMs));
  }
  if (!isCluster(config)) return;
  if (config.store !== 'postgres') {
    throw new ConfigError('TNT_STORE', 'must be postgres with TNT_BUS=redis: every instance of a cluster shares one store', config.store);
  }
  const missing = [
    ...(config.jwtSecret === undefined ? ['TNT_JWT_SECRET'] : []),
    ...(config.ingestApiKeys.length === 0 ? ['TNT_INGEST_API_KEYS'] : []),
  ];
  if (missing.length > 0) {
    throw new ConfigError(missing[0], `must be set with TNT_BUS=redis, the same on every instance (missing: ${missing.join(', ')})`, '');
  }
}

function readUrl(env: Environment, name: string, fallback: string, schemes: readonly string[]): string {
  return readOptionalUrl(env, name, schemes) ?? fallback;
}

function readIdentifier(env: Environment, name: string, fallback: string): string {
  const value = readString(env, name, fallback);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
    throw new ConfigError(
      name,
      'must be a lower-case SQL identifier: a-z, 0-9 and _, not starting with a digit, at most 63 characters',
      value,
    );
  }
  return value;
}

function readInstanceId(env: Environment): string {
  const value = readOptionalString(env, 'TNT_INSTANCE_ID');
  if (value === undefined) return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (!/^[A-Za-z0-9._:-]{1,100}$/.test(value)) {
    throw new ConfigError('TNT_INSTANCE_ID', 'must be 1-100 characters from A-Z a-z 0-9 . _ : -', value);
  }
  return value;
}

// Readers for the security settings. Secrets are never echoed in a ConfigError: only their length is.

function readOptionalString(env: Environment, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function hiddenSecret(value: string): string {
  return `<hidden, ${value.length} characters>`;
}

function readOptionalSecret(env: Environment, name: string, minLength: number): string | undefined {
  const value = readOptionalString(env, name);
  if (value !== undefined && value.length < minLength)
    throw new ConfigError(name, `must be at least ${minLength} characters`, hiddenSecret(value));
  return value;
}

function readOptionalUrl(env: Environment, name: string, schemes: readonly string[]): string | undefined {
  const value = readOptionalString(env, name);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined; // reported below with the rule
  }
  if (!url || !schemes.includes(url.protocol) || url.host === '') {
    // A password in the URL (a database's) is not echoed.
    const shown = value.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:<hidden>@');
    throw new ConfigError(name, `must be an absolute ${schemes.map((scheme) => scheme.slice(0, -1)).join('/')} URL`, shown);
  }
  return value;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    return (url.protocol === 'http:' || url.protocol === 'https:') && bare;
  } catch {
    return false; // not a URL, hence not an origin
  }
}

function readList(env: Environment, name: string, rule: string, isValid: (item: string) => boolean): readonly string[] {
  const items = (readOptionalString(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = items.find((item) => !isValid(item));
  if (bad !== undefined) throw new ConfigError(name, rule, bad);
  return items;
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `apiKey:clientSecret` pairs; the key at least 16 characters, the secret base64 of at least 16 bytes. */
function readAudioHookCredentials(env: Environment, name: string): readonly AudioHookCredential[] {
  return readSecretList(env, name, 1).map((item) => {
    const split = item.lastIndexOf(':');
    const apiKey = item.slice(0, Math.max(split, 0));
    const clientSecret = item.slice(split + 1);
    if (split < 0 || apiKey.length < 16 || !BASE64.test(clientSecret) || Buffer.from(clientSecret, 'base64').length < 16) {
      throw new ConfigError(
        name,
        'must be comma-separated apiKey:clientSecret pairs (key of 16+ characters, secret base64 of 16+ bytes)',
        hiddenSecret(item),
      );
    }
    return { apiKey, clientSecret };
  });
}

function readSecretList(env: Environment, name: string, minLength: number): readonly string[] {
  const items = (readOptionalString(env, name) ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const bad = items.find((item) => item.length < minLength);
  if (bad !== undefined)
    throw new ConfigError(name, `must be comma-separated keys of at least ${minLength} characters each`, hiddenSecret(bad));
  return items;
}
