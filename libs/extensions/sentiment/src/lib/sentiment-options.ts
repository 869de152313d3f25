/** How the sentiment extension is set up (see `SentimentModule.forRoot`). */
export interface SentimentOptions {
  /** How many of the caller's latest finals in a row must read negative for an alert (`TNT_SENTIMENT_NEGATIVE_RUN`). */
  readonly negativeRun: number;
  /** A caller final reads negative when its score is below this, from -1 to 0 (`TNT_SENTIMENT_NEGATIVE_BELOW`). */
  readonly negativeBelow: number;
  /** How many of the caller's latest finals the trend is the mean of. */
  readonly trendWindow: number;
  /** Most calls whose caller readings are held at once. */
  readonly trackedCalls: number;
}

/** Injection token of the {@link SentimentOptions}. */
export const SENTIMENT_OPTIONS = Symbol('SENTIMENT_OPTIONS');
