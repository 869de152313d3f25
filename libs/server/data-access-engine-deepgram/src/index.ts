export { DeepgramEngine, type DeepgramEngineOptions } from './lib/deepgram-engine';
export { DeepgramError, DeepgramErrorCode } from './lib/deepgram-error';
export { DEEPGRAM_LISTEN_URL, DEFAULT_DEEPGRAM_MODEL, MAX_KEYTERMS } from './lib/deepgram-protocol';
export { type DeepgramStreamTiming } from './lib/deepgram-stream';
