import { ConfigError, readString, type Environment } from './env-parsers';

/** The real Deepgram endpoint; the tests point `TNT_DEEPGRAM_URL` at a local test double instead. */
const DEEPGRAM_LISTEN_URL = 'wss://api.deepgram.com/v1/listen';

/** The cloud engine's settings (`TNT_ENGINE=deepgram`); nothing is read or needed for the offline engines. */
export interface DeepgramConfig {
  /** TNT_DEEPGRAM_API_KEY: sent as `Authorization: Token <key>`; required with `TNT_ENGINE=deepgram`. */
  readonly apiKey: string;
  /** TNT_DEEPGRAM_URL: the `/v1/listen` WebSocket endpoint (default Deepgram's own). */
  readonly url: string;
  /** TNT_DEEPGRAM_MODEL: the model (default `nova-3`, which takes the vocabulary as keyterms). */
  readonly model: string;
}

/**
 * Reads the Deepgram settings when `TNT_ENGINE=deepgram` (else `null`); throws a `ConfigError` naming
 * the variable when the key is missing, the URL is not ws/wss, or the demo is asked for: the demo
 * streams its fixture calls to the engine and must stay offline.
 */
export function readDeepgramConfig(env: Environment): DeepgramConfig | null {
  if (env['TNT_ENGINE']?.trim() !== 'deepgram') return null;
  const apiKey = env['TNT_DEEPGRAM_API_KEY']?.trim() ?? '';
  if (apiKey === '') {
    throw new ConfigError('TNT_DEEPGRAM_API_KEY', 'must be set with TNT_ENGINE=deepgram (a key from console.deepgram.com)', '');
  }
  const url = readString(env, 'TNT_DEEPGRAM_URL', DEEPGRAM_LISTEN_URL);
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined; // reported below with the rule
  }
  if (protocol !== 'wss:' && protocol !== 'ws:') throw new ConfigError('TNT_DEEPGRAM_URL', 'must be an absolute ws/wss URL', url);
  const model = readString(env, 'TNT_DEEPGRAM_MODEL', 'nova-3');
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/.test(model))
    throw new ConfigError('TNT_DEEPGRAM_MODEL', 'must be a Deepgram model name like nova-3', model);
  const demo = env['TNT_DEMO']?.trim().toLowerCase();
  if (demo !== undefined && ['1', 'true', 'yes', 'on'].includes(demo)) {
    throw new ConfigError(
      'TNT_DEMO',
      'must be off with TNT_ENGINE=deepgram: the demo stays offline (use TNT_ENGINE=pocketsphinx or scripted for it)',
      demo,
    );
  }
  return { apiKey, url, model };
}
