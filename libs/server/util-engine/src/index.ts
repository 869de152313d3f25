export {
  type EngineSegment,
  type EngineStreamListener,
  type EngineStreamOptions,
  type TranscriptionEngine,
  type TranscriptionStream,
} from './lib/transcription-engine';
