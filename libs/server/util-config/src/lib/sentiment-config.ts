import { ConfigError, readBoolean, readInteger, type Environment } from './env-parsers';

/** The caller-sentiment extension's settings (libs/extensions/sentiment). */
export interface SentimentConfig {
  /** TNT_SENTIMENT: lexicon-based sentiment of every final segment and the caller's trend (on by default). */
  readonly enabled: boolean;
  /** TNT_SENTIMENT_NEGATIVE_RUN: caller finals in a row that must read negative for a `negative-sentiment` alert (default 3). */
  readonly negativeRun: number;
  /** TNT_SENTIMENT_NEGATIVE_BELOW: a caller final reads negative below this score, above -1 and below 0 (default -0.3). */
  readonly negativeBelow: number;
}

/** Reads the sentiment settings; throws a `ConfigError` naming the first bad variable. */
export function readSentimentConfig(env: Environment): SentimentConfig {
  return {
    enabled: readBoolean(env, 'TNT_SENTIMENT', true),
    negativeRun: readInteger(env, 'TNT_SENTIMENT_NEGATIVE_RUN', 3, 1, 50),
    negativeBelow: readNegativeBelow(env),
  };
}

function readNegativeBelow(env: Environment): number {
  const name = 'TNT_SENTIMENT_NEGATIVE_BELOW';
  const value = env[name]?.trim();
  if (value === undefined || value === '') return -0.3;
  const parsed = Number(value);
  // A threshold of -1 could never be undercut, and one of 0 or more would take neutral talk for a complaint.
  if (!Number.isFinite(parsed) || parsed <= -1 || parsed >= 0) throw new ConfigError(name, 'must be a number above -1 and below 0', value);
  return parsed;
}
