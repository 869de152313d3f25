import { loadConfig } from './tnt-config';

const SECRET = 'whsec-0123456789abcdef';

describe('webhook settings', () => {
  it('are off by default, with retry limits a receiver can ride out a day-long outage with', () => {
    expect(loadConfig({}).extensions.webhooks).toEqual({
      endpoints: [],
      secret: undefined,
      maxAttempts: 15,
      maxAgeSeconds: 86_400,
      retryBaseMs: 1_000,
      retryMaxMs: 600_000,
      timeoutMs: 10_000,
      pollMs: 1_000,
    });
  });

  it('reads the endpoints, each with the events after # (default: all)', () => {
    const config = loadConfig({
      TNT_WEBHOOK_URLS: 'https://hooks.example.com/tnt, http://127.0.0.1:8080/alerts#alert.raised',
      TNT_WEBHOOK_SECRET: SECRET,
    });
    expect(config.extensions.webhooks.endpoints).toEqual([
      { url: 'https://hooks.example.com/tnt', events: ['call.ended', 'alert.raised'] },
      { url: 'http://127.0.0.1:8080/alerts', events: ['alert.raised'] },
    ]);
    expect(config.extensions.webhooks.secret).toBe(SECRET);
  });

  it.each([
    [{ TNT_WEBHOOK_URLS: 'https://a.example/x' }, 'TNT_WEBHOOK_SECRET must be set with TNT_WEBHOOK_URLS'],
    [{ TNT_WEBHOOK_URLS: 'ftp://a.example/x', TNT_WEBHOOK_SECRET: SECRET }, 'TNT_WEBHOOK_URLS must be comma-separated http(s) URLs'],
    [{ TNT_WEBHOOK_URLS: 'https://a.example/x#call.started', TNT_WEBHOOK_SECRET: SECRET }, '(got "https://a.example/x#call.started")'],
    [
      { TNT_WEBHOOK_URLS: 'https://a.example/x,https://a.example/x#alert.raised', TNT_WEBHOOK_SECRET: SECRET },
      'must not list one URL twice',
    ],
    [{ TNT_WEBHOOK_RETRY_BASE_MS: '5000', TNT_WEBHOOK_RETRY_MAX_MS: '1000' }, 'TNT_WEBHOOK_RETRY_MAX_MS must be at least'],
  ])('stops the start on a bad setting, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes the secret, only its length', () => {
    expect(() => loadConfig({ TNT_WEBHOOK_SECRET: 'short-secret' })).toThrow(
      'Invalid configuration: TNT_WEBHOOK_SECRET must be at least 16 characters (got "<hidden, 12 characters>")',
    );
  });
});
