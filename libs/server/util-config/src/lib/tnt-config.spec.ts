import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './env-parsers';
import { loadConfig } from './tnt-config';

describe('loadConfig', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.heartbeatIntervalMs).toBe(30_000);
    expect(config.maxFrameBytes).toBe(65_536);
    expect(config.demo).toBe(false);
  });

  it('keeps calls in ./data/ with SQLite forever unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ store: 'sqlite', dataDir: './data', retentionDays: 0 });
    expect(loadConfig({ TNT_STORE: 'memory', TNT_DATA_DIR: '/var/lib/tnt', TNT_RETENTION_DAYS: '30' })).toMatchObject({
      store: 'memory',
      dataDir: '/var/lib/tnt',
      retentionDays: 30,
    });
  });

  it('formats transcripts unless told not to, with proper nouns from a list and a file', () => {
    expect(loadConfig({}).transcriptFormat).toEqual({ enabled: true, properNouns: [] });
    expect(loadConfig({ TNT_FORMAT_TRANSCRIPTS: 'false' }).transcriptFormat.enabled).toBe(false);
    const file = join(mkdtempSync(join(tmpdir(), 'tnt-nouns-')), 'nouns.txt');
    writeFileSync(file, '# our products\nAcme Cloud\n\nTnT  # the platform\n');
    const config = loadConfig({ TNT_PROPER_NOUNS: ' Jane  Miller , Zendesk,', TNT_PROPER_NOUNS_FILE: file });
    expect(config.transcriptFormat.properNouns).toEqual(['Acme Cloud', 'TnT', 'Jane Miller', 'Zendesk']);
  });

  it('refuses proper nouns it could not look up, and a proper noun file it cannot read', () => {
    expect(() => loadConfig({ TNT_PROPER_NOUNS: 'Acme,<script>' })).toThrow(
      /TNT_PROPER_NOUNS must list names of 1 to 4 words .*\(got "<script>"\)/,
    );
    expect(() => loadConfig({ TNT_PROPER_NOUNS: 'The Very Long Company Name' })).toThrow(/TNT_PROPER_NOUNS must list names/);
    expect(() => loadConfig({ TNT_PROPER_NOUNS_FILE: '/nonexistent/nouns.txt' })).toThrow(
      'Invalid configuration: TNT_PROPER_NOUNS_FILE must be a readable file (ENOENT) (got "/nonexistent/nouns.txt")',
    );
  });

  it('reads values from the environment', () => {
    const config = loadConfig({ PORT: '0', TNT_DEMO: 'yes', TNT_DEMO_SPEED: '2.5', TNT_ENGINE: 'scripted' });
    expect(config).toMatchObject({ port: 0, demo: true, demoSpeed: 2.5, engine: 'scripted' });
  });

  it('refuses calls at a measured capacity by default, with limits read from the environment', () => {
    expect(loadConfig({}).speechCapacity).toEqual({ refuseCalls: true, maxBacklogMs: 1000, maxLoad: 0.85, windowMs: 5000, cores: null });
    const config = loadConfig({
      TNT_CAPACITY_REFUSE_CALLS: 'off',
      TNT_CAPACITY_MAX_BACKLOG_MS: '2500',
      TNT_CAPACITY_MAX_LOAD: '0.7',
      TNT_CAPACITY_WINDOW_MS: '10000',
      TNT_CAPACITY_CORES: '0.67',
    });
    expect(config.speechCapacity).toEqual({ refuseCalls: false, maxBacklogMs: 2500, maxLoad: 0.7, windowMs: 10000, cores: 0.67 });
  });

  it('takes a simulated decoding cost for the scripted engine only', () => {
    expect(loadConfig({}).scriptedRealTimeFactor).toBe(0);
    expect(loadConfig({ TNT_ENGINE: 'scripted', TNT_SCRIPTED_REAL_TIME_FACTOR: '0.25' }).scriptedRealTimeFactor).toBe(0.25);
    expect(() => loadConfig({ TNT_SCRIPTED_REAL_TIME_FACTOR: '0.25' })).toThrow(
      'Invalid configuration: TNT_SCRIPTED_REAL_TIME_FACTOR only applies to TNT_ENGINE=scripted (a simulation) (got "0.25")',
    );
  });

  it.each([
    ['TNT_CAPACITY_MAX_LOAD', '0', /TNT_CAPACITY_MAX_LOAD must be a number above 0 and at most 4/],
    ['TNT_AUDIOHOOK_RECONNECT_GRACE_MS', '-1', /TNT_AUDIOHOOK_RECONNECT_GRACE_MS must be an integer from 0 to 300000/],
    ['TNT_CAPACITY_CORES', 'half', /TNT_CAPACITY_CORES must be a number above 0 and at most 1024/],
    ['TNT_CAPACITY_MAX_BACKLOG_MS', '10', /TNT_CAPACITY_MAX_BACKLOG_MS must be an integer from 50 to 600000/],
    ['TNT_CAPACITY_WINDOW_MS', 'soon', /TNT_CAPACITY_WINDOW_MS must be an integer/],
    ['TNT_CAPACITY_REFUSE_CALLS', 'sometimes', /TNT_CAPACITY_REFUSE_CALLS must be one of/],
    ['PORT', 'abc', /PORT must be an integer from 0 to 65535 \(got "abc"\)/],
    ['PORT', '70000', /PORT must be an integer/],
    ['TNT_DEMO', 'maybe', /TNT_DEMO must be one of/],
    ['TNT_ENGINE', 'whisper', /TNT_ENGINE must be one of pocketsphinx, scripted, deepgram/],
    ['TNT_DEMO_SPEED', '-1', /TNT_DEMO_SPEED must be a number above 0/],
    ['TNT_HISTORY_SIZE', '1.5', /TNT_HISTORY_SIZE must be an integer/],
    ['TNT_STORE', 'mysql', /TNT_STORE must be one of sqlite, memory, postgres/],
    ['TNT_BUS', 'nats', /TNT_BUS must be one of local, redis/],
    ['TNT_DATABASE_URL', 'mysql://db', /TNT_DATABASE_URL must be an absolute postgres\/postgresql URL/],
    ['TNT_DATABASE_SCHEMA', 'Robert; DROP', /TNT_DATABASE_SCHEMA must be a lower-case SQL identifier/],
    ['TNT_INSTANCE_ID', 'a b', /TNT_INSTANCE_ID must be 1-100 characters/],
    ['TNT_LEASE_RENEW_MS', '6000', /TNT_LEASE_RENEW_MS must be at most half of TNT_LEASE_MS \(10000\)/],
    ['TNT_RETENTION_DAYS', '-1', /TNT_RETENTION_DAYS must be an integer from 0 to 36500/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});

describe('loadConfig cluster settings', () => {
  const cluster = { TNT_BUS: 'redis', TNT_STORE: 'postgres', TNT_JWT_SECRET: 'x'.repeat(32), TNT_INGEST_API_KEYS: 'k'.repeat(16) };

  it('runs one process on SQLite and the local bus by default, with a unique instance id', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ store: 'sqlite', bus: 'local', databaseSchema: 'tnt', redisPrefix: 'tnt:', leaseMs: 10_000 });
    expect(config.instanceId).not.toBe(loadConfig({}).instanceId);
  });

  it('takes a cluster configuration with every shared setting', () => {
    expect(loadConfig({ ...cluster, TNT_INSTANCE_ID: 'tnt-2' })).toMatchObject({ bus: 'redis', store: 'postgres', instanceId: 'tnt-2' });
  });

  it('refuses the Redis bus on a store other instances cannot share', () => {
    expect(() => loadConfig({ ...cluster, TNT_STORE: 'sqlite' })).toThrow(/TNT_STORE must be postgres with TNT_BUS=redis/);
    expect(() => loadConfig({ ...cluster, TNT_STORE: 'memory' })).toThrow(/TNT_STORE must be postgres with TNT_BUS=redis/);
  });

  it('names every shared secret a cluster instance is started without', () => {
    expect(() => loadConfig({ TNT_BUS: 'redis', TNT_STORE: 'postgres' })).toThrow(/missing: TNT_JWT_SECRET, TNT_INGEST_API_KEYS/);
    expect(() => loadConfig({ ...cluster, TNT_INGEST_API_KEYS: '' })).toThrow(/TNT_INGEST_API_KEYS must be set with TNT_BUS=redis/);
  });

  it('does not echo a database password in its error', () => {
    expect(() => loadConfig({ TNT_DATABASE_URL: 'postgres://tnt:s3cret@db' })).not.toThrow();
    expect(() => loadConfig({ TNT_DATABASE_URL: 'postgres://tnt:s3cret@' })).toThrow(/postgres:\/\/tnt:<hidden>@/);
  });
});

describe('loadConfig security settings', () => {
  it('is secure by default: generated secrets, same-origin only, abuse limits on', () => {
    expect(loadConfig({})).toMatchObject({
      jwtSecret: undefined,
      tokenTtlSeconds: 28_800,
      jwksUrl: undefined,
      jwtRoleClaim: 'role',
      jwtAgentClaim: 'agentId',
      allowedOrigins: [],
      publicUrl: undefined,
      twilioAuthToken: undefined,
      ingestApiKeys: [],
      loginAttemptsPerMinute: 10,
      wsMessagesPerSecond: 20,
      wsMessageBurst: 40,
      maxSubscriptionsPerConnection: 100,
      maxConnectionsPerUser: 20,
      maxConnectionsPerIp: 200,
      headersTimeoutMs: 10_000,
      maxIngestFrameBytes: 262_144,
      maxJsonDepth: 16,
    });
  });

  it('reads AudioHook credentials as key and secret pairs, and the allowed organizations', () => {
    const config = loadConfig({
      TNT_AUDIOHOOK_CREDENTIALS: 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh:TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=',
      TNT_AUDIOHOOK_ORGANIZATION_IDS: 'd7934305-0972-4844-938e-9060eef73d05',
    });
    expect(config.audiohookCredentials).toEqual([
      { apiKey: 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh', clientSecret: 'TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=' },
    ]);
    expect(config.audiohookOrganizationIds).toEqual(['d7934305-0972-4844-938e-9060eef73d05']);
    expect(config.audiohookSignatureMaxAgeSeconds).toBe(60);
  });

  it('reads lists, URLs and identity-provider settings', () => {
    const config = loadConfig({
      TNT_ALLOWED_ORIGINS: 'http://localhost:4200, https://app.example.com',
      TNT_INGEST_API_KEYS: 'key-one-0123456789,key-two-0123456789',
      TNT_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
      TNT_JWT_ISSUER: 'https://idp.example.com/',
      TNT_JWT_ROLE_CLAIM: 'https://tnt.example.com/role',
      TNT_PUBLIC_URL: 'https://tnt.example.com',
      TNT_TOKEN_TTL_SECONDS: '3600',
    });
    expect(config).toMatchObject({
      allowedOrigins: ['http://localhost:4200', 'https://app.example.com'],
      ingestApiKeys: ['key-one-0123456789', 'key-two-0123456789'],
      jwksUrl: 'https://idp.example.com/.well-known/jwks.json',
      jwtIssuer: 'https://idp.example.com/',
      jwtRoleClaim: 'https://tnt.example.com/role',
      publicUrl: 'https://tnt.example.com',
      tokenTtlSeconds: 3600,
    });
  });

  it.each([
    [
      'TNT_ALLOWED_ORIGINS',
      'http://ok.example, https://x.example/path',
      /TNT_ALLOWED_ORIGINS must be a comma-separated list of origins .* \(got "https:\/\/x.example\/path"\)/,
    ],
    ['TNT_JWKS_URL', 'idp.example.com/jwks', /TNT_JWKS_URL must be an absolute http\/https URL/],
    ['TNT_PUBLIC_URL', 'ftp://tnt.example.com', /TNT_PUBLIC_URL must be an absolute http\/https\/ws\/wss URL/],
    ['TNT_TOKEN_TTL_SECONDS', '10', /TNT_TOKEN_TTL_SECONDS must be an integer from 60 to 2592000/],
    ['TNT_HEADERS_TIMEOUT_MS', '0', /TNT_HEADERS_TIMEOUT_MS must be an integer from 100/],
  ])('rejects %s=%s with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it.each([
    ['TNT_JWT_SECRET', 'too-short-secret', /TNT_JWT_SECRET must be at least 32 characters \(got "<hidden, 16 characters>"\)/],
    ['TNT_TWILIO_AUTH_TOKEN', 'abc', /TNT_TWILIO_AUTH_TOKEN must be at least 16 characters/],
    [
      'TNT_INGEST_API_KEYS',
      'long-enough-key-0001,short',
      /TNT_INGEST_API_KEYS must be comma-separated keys of at least 16 characters each \(got "<hidden, 5 characters>"\)/,
    ],
    [
      'TNT_AUDIOHOOK_CREDENTIALS',
      'genesys-api-key-0001:not base64!',
      /TNT_AUDIOHOOK_CREDENTIALS must be comma-separated apiKey:clientSecret/,
    ],
    ['TNT_AUDIOHOOK_CREDENTIALS', 'genesys-api-key-0001', /TNT_AUDIOHOOK_CREDENTIALS must be comma-separated apiKey:clientSecret/],
  ])('rejects a weak %s without echoing the secret', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    expect(() => loadConfig({ [name]: value })).not.toThrow(value);
  });
});
