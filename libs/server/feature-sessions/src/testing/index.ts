export { RecordingSubscriber } from './recording-subscriber';
export { finalSegment, transcriptSegment } from './segments';
export { subscribeLive } from './subscribe-live';
export { SlowReadsStore, type AnswerTime, type StoreRead } from './slow-reads-store';
