import { ConfigError, readInteger, type Environment } from './env-parsers';

/** The events a webhook endpoint can be sent (the filter after `#` in `TNT_WEBHOOK_URLS`). */
export const WEBHOOK_EVENTS = ['call.ended', 'alert.raised'] as const;
/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEventFilter = (typeof WEBHOOK_EVENTS)[number];

/** One endpoint of `TNT_WEBHOOK_URLS` and the events it is sent. */
export interface WebhookEndpoint {
  /** The URL POSTed to, without the fragment (a fragment is never sent over HTTP: it holds the filter). */
  readonly url: string;
  readonly events: readonly WebhookEventFilter[];
}

/** The webhooks extension's settings; it runs when `endpoints` is not empty. */
export interface WebhooksConfig {
  /** TNT_WEBHOOK_URLS: comma-separated http(s) URLs, each optionally `#call.ended+alert.raised` to choose its events (default: all). */
  readonly endpoints: readonly WebhookEndpoint[];
  /** TNT_WEBHOOK_SECRET: HMAC-SHA256 key of `TnT-Signature` (16+ characters; required with URLs; never logged). */
  readonly secret: string | undefined;
  /** TNT_WEBHOOK_MAX_ATTEMPTS: attempts of one delivery before it is given up (`dead`). */
  readonly maxAttempts: number;
  /** TNT_WEBHOOK_MAX_AGE_SECONDS: a delivery still failing this long after it was made is given up. */
  readonly maxAgeSeconds: number;
  /** TNT_WEBHOOK_RETRY_BASE_MS / TNT_WEBHOOK_RETRY_MAX_MS: the back-off after the first failure and its cap. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** TNT_WEBHOOK_TIMEOUT_MS: how long one attempt may take (connect to last byte of the answer). */
  readonly timeoutMs: number;
  /** TNT_WEBHOOK_POLL_MS: how often the worker looks for due deliveries when none is being sent. */
  readonly pollMs: number;
}

/** Reads `TNT_WEBHOOK_*`; throws a `ConfigError` naming the first bad variable (a secret only by its length). */
export function readWebhooksConfig(env: Environment): WebhooksConfig {
  const endpoints = readEndpoints(env);
  const secret = env['TNT_WEBHOOK_SECRET']?.trim() || undefined;
  if (secret !== undefined && secret.length < 16) {
    throw new ConfigError('TNT_WEBHOOK_SECRET', 'must be at least 16 characters', `<hidden, ${secret.length} characters>`);
  }
  if (endpoints.length > 0 && secret === undefined) {
    throw new ConfigError('TNT_WEBHOOK_SECRET', 'must be set with TNT_WEBHOOK_URLS: every delivery is signed with it', '');
  }
  const retryBaseMs = readInteger(env, 'TNT_WEBHOOK_RETRY_BASE_MS', 1_000, 10, 3_600_000);
  const retryMaxMs = readInteger(env, 'TNT_WEBHOOK_RETRY_MAX_MS', 600_000, 10, 86_400_000);
  if (retryMaxMs < retryBaseMs) {
    throw new ConfigError('TNT_WEBHOOK_RETRY_MAX_MS', `must be at least TNT_WEBHOOK_RETRY_BASE_MS (${retryBaseMs})`, String(retryMaxMs));
  }
  return {
    endpoints,
    secret,
    maxAttempts: readInteger(env, 'TNT_WEBHOOK_MAX_ATTEMPTS', 15, 1, 1000),
    maxAgeSeconds: readInteger(env, 'TNT_WEBHOOK_MAX_AGE_SECONDS', 86_400, 1, 2_592_000),
    retryBaseMs,
    retryMaxMs,
    timeoutMs: readInteger(env, 'TNT_WEBHOOK_TIMEOUT_MS', 10_000, 100, 300_000),
    pollMs: readInteger(env, 'TNT_WEBHOOK_POLL_MS', 1_000, 10, 60_000),
  };
}

function readEndpoints(env: Environment): WebhookEndpoint[] {
  const name = 'TNT_WEBHOOK_URLS';
  const rule = 'must be comma-separated http(s) URLs, each optionally ending in #event+event (call.ended, alert.raised)';
  const items = (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const endpoints = items.map((item): WebhookEndpoint => {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      throw new ConfigError(name, rule, item);
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host === '') throw new ConfigError(name, rule, item);
    const filter = url.hash.slice(1);
    const events = filter === '' ? [...WEBHOOK_EVENTS] : filter.split('+');
    if (events.some((event) => !(WEBHOOK_EVENTS as readonly string[]).includes(event))) throw new ConfigError(name, rule, item);
    url.hash = '';
    return { url: url.toString(), events: [...new Set(events as WebhookEventFilter[])] };
  });
  const urls = endpoints.map((endpoint) => endpoint.url);
  const repeated = urls.find((url, index) => urls.indexOf(url) !== index);
  if (repeated !== undefined) throw new ConfigError(name, 'must not list one URL twice', repeated);
  return endpoints;
}
