export * from './lib/transcription-engine';
