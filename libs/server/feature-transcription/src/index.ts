export * from './lib/call-start-errors';
export * from './lib/live-call';
export * from './lib/serial-queue';
export * from './lib/transcript-pipeline';
export * from './lib/transcript-processor';
export * from './lib/transcription-engine.provider';
export * from './lib/transcription.module';
export * from './lib/transcription.service';
