import { ConfigError, readBoolean, readInteger, readPositiveNumber, type Environment } from './env-parsers';

/**
 * When an instance refuses new calls because speech-to-text is at capacity. The capacity is
 * measured (decoding backlog and real-time factor reported by the engine), never a fixed count;
 * these are the limits the measurements are held to.
 */
export interface SpeechCapacityConfig {
  /** TNT_CAPACITY_REFUSE_CALLS: refuse new calls (and report not ready) at capacity; off: take every call, however late. */
  readonly refuseCalls: boolean;
  /** TNT_CAPACITY_MAX_BACKLOG_MS: at capacity once the decoding backlog has stayed above this for the whole window. */
  readonly maxBacklogMs: number;
  /**
   * TNT_CAPACITY_MAX_LOAD: at capacity when one more two-speaker call would bring the decoding load
   * (open streams × real-time factor ÷ cores) above this share of real time.
   */
  readonly maxLoad: number;
  /** TNT_CAPACITY_WINDOW_MS: how long the backlog must stay over its limit, so one burst of speech does not refuse calls. */
  readonly windowMs: number;
  /**
   * TNT_CAPACITY_CORES: the cores this instance's decoding may count on when it judges its load; null
   * (unset): the engine's own count, every core the process can run on. Set it when instances share
   * a machine (3 instances on 8 cores: 2.67 each) or a container's CPU quota is below the host's
   * cores, which Node still reports: each would otherwise count every core as its own and take calls
   * the machine cannot decode in real time.
   */
  readonly cores: number | null;
}

/** Reads the capacity limits; throws a `ConfigError` naming the first bad variable. */
export function readSpeechCapacityConfig(env: Environment): SpeechCapacityConfig {
  return {
    refuseCalls: readBoolean(env, 'TNT_CAPACITY_REFUSE_CALLS', true),
    maxBacklogMs: readInteger(env, 'TNT_CAPACITY_MAX_BACKLOG_MS', 1_000, 50, 600_000),
    maxLoad: readPositiveNumber(env, 'TNT_CAPACITY_MAX_LOAD', 0.85, 4),
    windowMs: readInteger(env, 'TNT_CAPACITY_WINDOW_MS', 5_000, 100, 600_000),
    cores: env['TNT_CAPACITY_CORES']?.trim() ? readPositiveNumber(env, 'TNT_CAPACITY_CORES', 1, 1024) : null,
  };
}

/**
 * TNT_SCRIPTED_REAL_TIME_FACTOR: the SIMULATED decoding cost the scripted engine reports per
 * second of audio of one stream (default 0: free), so tests and load tools can drive an
 * instance to capacity without real speech recognition.
 */
export function readScriptedRealTimeFactor(env: Environment): number {
  const name = 'TNT_SCRIPTED_REAL_TIME_FACTOR';
  const value = env[name]?.trim();
  if (value === undefined || value === '' || value === '0') return 0;
  if (env['TNT_ENGINE']?.trim() !== 'scripted') {
    throw new ConfigError(name, 'only applies to TNT_ENGINE=scripted (a simulation)', value);
  }
  return readPositiveNumber(env, name, 0, 100);
}
