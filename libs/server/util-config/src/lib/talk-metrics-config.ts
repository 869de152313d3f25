import { readBoolean, readInteger, readPositiveNumber, type Environment } from './env-parsers';

/** What the talk-metrics extension (libs/extensions/talk-metrics) is told. */
export interface TalkMetricsConfig {
  /**
   * TNT_TALK_METRICS: talk metrics and the silence alert for every call (off by default: its readings and
   * timer-raised alerts are call events every client and store gets, so a deployment opts in).
   */
  readonly enabled: boolean;
  /** TNT_TALK_METRICS_INTERVAL_SECONDS: least time between two readings of a live call (default 5 s). */
  readonly intervalMs: number;
  /** TNT_SILENCE_ALERT_SECONDS: nobody heard this long raises a `long-silence` alert (default 10 s; 0: never). */
  readonly silenceAlertMs: number;
}

/** Reads the talk-metrics settings; throws a `ConfigError` naming the first bad variable. */
export function readTalkMetricsConfig(env: Environment): TalkMetricsConfig {
  return {
    enabled: readBoolean(env, 'TNT_TALK_METRICS', false),
    intervalMs: Math.round(readPositiveNumber(env, 'TNT_TALK_METRICS_INTERVAL_SECONDS', 5, 3600) * 1000),
    silenceAlertMs: readInteger(env, 'TNT_SILENCE_ALERT_SECONDS', 10, 0, 3600) * 1000,
  };
}
