import { isSentimentInsight, type Insight, type SentimentInsight } from '@tnt/protocol';

/** Most caller readings a call keeps on the dashboard: enough for a sparkline, bounded for a long call. */
export const MAX_CALLER_READINGS = 60;

/** Where a caller's trend stands, for the sparkline's colour and wording. */
export type SentimentMood = 'negative' | 'neutral' | 'positive';

/** A trend at or beyond ±0.2 leans one way; between, it is neutral. */
const LEANING = 0.2;

/**
 * `readings` with the caller reading `insight` added at the end, or `readings` itself when it is not
 * a caller's sentiment reading or is already there (a replay brings nothing new).
 */
export function withCallerReading(
  readings: readonly SentimentInsight[] | undefined,
  insight: Insight,
): readonly SentimentInsight[] | undefined {
  if (!isSentimentInsight(insight) || insight.speaker !== 'caller') return readings;
  if (readings?.some((reading) => reading.id === insight.id)) return readings;
  return [...(readings ?? []), insight].slice(-MAX_CALLER_READINGS);
}

/** The caller readings among a call's insights (a snapshot's), in order; undefined when none. */
export function callerReadingsOf(insights: readonly Insight[] | undefined): readonly SentimentInsight[] | undefined {
  let readings: readonly SentimentInsight[] | undefined;
  for (const insight of insights ?? []) readings = withCallerReading(readings, insight);
  return readings;
}

/** The caller's trend after each reading, the line a sparkline draws. */
export function callerTrendLine(readings: readonly SentimentInsight[]): number[] {
  return readings.map((reading) => reading.callerTrend ?? reading.score);
}

/** How the latest trend value reads. */
export function sentimentMood(trend: number): SentimentMood {
  if (trend <= -LEANING) return 'negative';
  return trend >= LEANING ? 'positive' : 'neutral';
}
