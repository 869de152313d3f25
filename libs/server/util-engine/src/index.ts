export {
  type EngineLoad,
  type EngineSegment,
  type EngineStreamListener,
  type EngineStreamOptions,
  type TranscriptionEngine,
  type TranscriptionStream,
} from './lib/transcription-engine';
