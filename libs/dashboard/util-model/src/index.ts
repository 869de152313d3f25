export { type ConnectionState } from './lib/connection-state';
export { alertNames, type CallState, isLiveCall, isSimulatedCall, lastFinalSegment, speakersTalking } from './lib/call-state';
export { orderSegments, upsertSegment } from './lib/transcript-order';
export { callDurationMs, formatDuration, formatTimeOfDay } from './lib/duration';
export { formatConfidence, isLowConfidence, LOW_CONFIDENCE_THRESHOLD } from './lib/confidence';
export { speakerLabel } from './lib/speaker-label';
export { matchesCallFilter } from './lib/call-filter';
export { transcriptAsText, transcriptFileName } from './lib/transcript-text';
export { callStatusText, callTitle, formatDateAndTime, lineCount } from './lib/call-wording';
export { assistDismissalKey, visibleAssists } from './lib/assist-cards';
export {
  callerReadingsOf,
  callerTrendLine,
  MAX_CALLER_READINGS,
  sentimentMood,
  type SentimentMood,
  withCallerReading,
} from './lib/caller-sentiment';
