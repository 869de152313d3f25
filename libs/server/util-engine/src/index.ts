export {
  type EngineLoad,
  type EngineSegment,
  type EngineStreamListener,
  type EngineStreamOptions,
  type LanguageModelFiles,
  type TranscriptionEngine,
  type TranscriptionStream,
} from './lib/transcription-engine';
