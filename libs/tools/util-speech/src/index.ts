export * from './lib/speech-error';
export * from './lib/wav';
export * from './lib/wav-file';
export * from './lib/conversation-script';
export * from './lib/conversation';
