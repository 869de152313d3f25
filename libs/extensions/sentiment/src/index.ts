export { CallerTrends, type CallerReading } from './lib/caller-trend';
export { normaliseSentiment, scoreSentiment, type SentimentScore } from './lib/sentiment-scorer';
export { SENTIMENT_OPTIONS, type SentimentOptions } from './lib/sentiment-options';
export { NEGATIVE_SENTIMENT_ALERT, SENTIMENT_ORDER, SentimentProcessor } from './lib/sentiment.processor';
export { DEFAULT_SENTIMENT_OPTIONS, SentimentModule, type SentimentModuleOptions } from './lib/sentiment.module';
