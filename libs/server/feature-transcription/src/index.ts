export { AtCapacity, EngineUnavailable, ShuttingDown } from './lib/call-start-errors';
export { LiveCall, SPEECH_TO_TEXT_FAILED_ALERT } from './lib/live-call';
export { createEngine, keytermsOf } from './lib/transcription-engine.provider';
export {
  ProcessesTranscripts,
  type LiveCallContext,
  type TranscriptContext,
  type TranscriptProcessor,
  type TranscriptProcessorOptions,
} from './lib/transcript-processor';
export { RepeatedInputMemo } from './lib/repeated-input-memo';
export {
  DEFAULT_LANGUAGE_TEXTS_RELOAD_INTERVAL_MS,
  TranscriptionModule,
  type TranscriptionModuleOptions,
} from './lib/transcription.module';
export { TranscriptionService, type LiveCallStart } from './lib/transcription.service';
export {
  CAPACITY_CLOCK,
  PERFORMANCE_CLOCK,
  SpeechCapacityMonitor,
  type CapacityVerdict,
  type MonotonicClock,
} from './lib/speech-capacity-monitor';
export { DomainLanguageService, type LanguageModelStatus, type LanguageTexts } from './lib/domain-language.service';
export { LANGUAGE_TEXTS_KEY, StoredLanguageTexts } from './lib/stored-language-texts';
