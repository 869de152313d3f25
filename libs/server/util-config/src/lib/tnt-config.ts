import { readBoolean, readChoice, readInteger, readPositiveNumber, readString, type Environment } from './env-parsers';

/** Speech-to-text engines the gateway can run. */
export const ENGINE_NAMES = ['pocketsphinx', 'scripted'] as const;

/** A speech-to-text engine name, see {@link ENGINE_NAMES}. */
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Log levels, most verbose last. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;

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
  /** TNT_DEMO: start live demo calls. */
  readonly demo: boolean;
  /** TNT_DEMO_CALLS: how many demo calls overlap. */
  readonly demoCalls: number;
  /** TNT_DEMO_SPEED: demo pace, 1 = real time. */
  readonly demoSpeed: number;
  /** TNT_HEARTBEAT_INTERVAL_MS: interval of the server's WebSocket ping frames and the advertised client ping interval. */
  readonly heartbeatIntervalMs: number;
  /** TNT_HEARTBEAT_TIMEOUT_MS: a peer that has not answered a ping within this is terminated. */
  readonly heartbeatTimeoutMs: number;
  /** TNT_HISTORY_SIZE: events kept in memory per call for replay with `since`. */
  readonly historySize: number;
  /** TNT_ENDED_CALL_RETENTION_MS: how long an ended call stays in memory. */
  readonly endedCallRetentionMs: number;
  /** TNT_MAX_FRAME_BYTES: largest frame accepted on the UI socket (larger: error and close 1009). */
  readonly maxFrameBytes: number;
  /** TNT_SHUTDOWN_DRAIN_MS: the longest a graceful shutdown may take. */
  readonly shutdownDrainMs: number;
  /** TNT_LOG_LEVEL: the most verbose level logged. */
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** TNT_DASHBOARD_DIR: folder of the built dashboard served at `/`. */
  readonly dashboardDir: string;
}

/**
 * Reads and validates the configuration; throws a `ConfigError` naming the first bad variable.
 */
export function loadConfig(env: Environment): TntConfig {
  return {
    port: readInteger(env, 'PORT', 3000, 0, 65535),
    host: readString(env, 'HOST', '0.0.0.0'),
    engine: readChoice(env, 'TNT_ENGINE', 'scripted', ENGINE_NAMES),
    language: readString(env, 'TNT_LANGUAGE', 'en-US'),
    demo: readBoolean(env, 'TNT_DEMO', false),
    demoCalls: readInteger(env, 'TNT_DEMO_CALLS', 3, 1, 1000),
    demoSpeed: readPositiveNumber(env, 'TNT_DEMO_SPEED', 1, 100),
    heartbeatIntervalMs: readInteger(env, 'TNT_HEARTBEAT_INTERVAL_MS', 30_000, 100, 3_600_000),
    heartbeatTimeoutMs: readInteger(env, 'TNT_HEARTBEAT_TIMEOUT_MS', 5_000, 50, 600_000),
    historySize: readInteger(env, 'TNT_HISTORY_SIZE', 5_000, 1, 10_000_000),
    endedCallRetentionMs: readInteger(env, 'TNT_ENDED_CALL_RETENTION_MS', 600_000, 0, 604_800_000),
    maxFrameBytes: readInteger(env, 'TNT_MAX_FRAME_BYTES', 65_536, 256, 16_777_216),
    shutdownDrainMs: readInteger(env, 'TNT_SHUTDOWN_DRAIN_MS', 5_000, 0, 600_000),
    logLevel: readChoice(env, 'TNT_LOG_LEVEL', 'log', LOG_LEVELS),
    dashboardDir: readString(env, 'TNT_DASHBOARD_DIR', 'dist/apps/dashboard/browser'),
  };
}
