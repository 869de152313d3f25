export { RecordingSubscriber } from './recording-subscriber';
export { finalSegment, transcriptSegment } from './segments';
export { describeCallEventsContract, eventually, type CallEventsUnderTest } from './call-events-contract';
