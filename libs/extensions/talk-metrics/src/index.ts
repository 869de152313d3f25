export { REAL_TALK_CLOCK, type TalkClock, type TalkTimer } from './lib/talk-clock';
export { TalkMetricsModule, type TalkMetricsModuleOptions } from './lib/talk-metrics.module';
export { LONG_SILENCE_ALERT, TalkMetricsProcessor } from './lib/talk-metrics.processor';
export { EMPTY_TIMELINE, hearSegment, readTalk, type HeardSpan, type TalkReading, type TalkTimeline } from './lib/talk-timeline';
