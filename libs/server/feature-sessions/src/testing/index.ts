export { RecordingSubscriber } from './recording-subscriber';
export { alertInsight, finalSegment, transcriptSegment } from './segments';
export { describeCallEventsContract, type CallEventsUnderTest } from './call-events-contract';
export { subscribeLive } from './subscribe-live';
export { SlowReadsStore, type AnswerTime, type StoreRead } from './slow-reads-store';
