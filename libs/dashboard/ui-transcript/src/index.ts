export { TranscriptComponent } from './lib/transcript.component';
export { TranscriptLineComponent } from './lib/transcript-line.component';
export { type CallHeaderAction, CallHeaderComponent } from './lib/call-header.component';
export { TalkMetricsComponent } from './lib/talk-metrics.component';
