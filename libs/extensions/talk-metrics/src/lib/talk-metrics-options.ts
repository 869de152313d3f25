import type { TalkClock } from './talk-clock';

/** How the talk-metrics module is set up (see `TalkMetricsModule.forRoot`). */
export interface TalkMetricsOptions {
  /** Least time between two readings of a live call. */
  readonly intervalMs: number;
  /** Nobody heard for this long raises a `long-silence` alert, once per silence; 0: no alert. */
  readonly silenceAlertMs: number;
  /** Most live calls followed at once; past it the call heard from least recently is forgotten. */
  readonly maxCalls: number;
  readonly clock: TalkClock;
}

/** Injection token of the {@link TalkMetricsOptions}. */
export const TALK_METRICS_OPTIONS = Symbol('TALK_METRICS_OPTIONS');
