export { RecordingSubscriber } from './recording-subscriber';
export { finalSegment, transcriptSegment } from './segments';
