export { CallCardComponent } from './lib/call-card.component';
export { CallFilterComponent } from './lib/call-filter.component';
export { SentimentSparklineComponent } from './lib/sentiment-sparkline.component';
