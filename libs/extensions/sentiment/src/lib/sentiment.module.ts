import { Module, type DynamicModule } from '@nestjs/common';
import { SENTIMENT_OPTIONS, type SentimentOptions } from './sentiment-options';
import { SentimentProcessor } from './sentiment.processor';

/** What `SentimentModule.forRoot` takes; everything has a default. */
export type SentimentModuleOptions = Partial<SentimentOptions>;

/** The defaults of {@link SentimentModuleOptions}. */
export const DEFAULT_SENTIMENT_OPTIONS: SentimentOptions = { negativeRun: 3, negativeBelow: -0.3, trendWindow: 5, trackedCalls: 10_000 };

/**
 * Lexicon-based caller sentiment as a team would add it: a Nest module whose one provider is a
 * transcript processor (`@ProcessesTranscripts({ order: 150 })`) raising `sentiment` insights and a
 * `negative-sentiment` alert. Importing it next to `TntServerModule` is all it takes.
 */
@Module({})
export class SentimentModule {
  static forRoot(options: SentimentModuleOptions = {}): DynamicModule {
    const resolved: SentimentOptions = { ...DEFAULT_SENTIMENT_OPTIONS, ...withoutUndefined(options) };
    return {
      module: SentimentModule,
      providers: [{ provide: SENTIMENT_OPTIONS, useValue: resolved }, SentimentProcessor],
    };
  }
}

function withoutUndefined(options: SentimentModuleOptions): SentimentModuleOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}
