export { FakeDeepgramServer, timedWords, type FakeDeepgramOptions, type RecordedStream } from './fake-deepgram-server';
export { waitFor } from './wait-for';
