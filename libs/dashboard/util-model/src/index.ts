export * from './lib/connection-state';
export * from './lib/call-state';
export * from './lib/transcript-order';
export * from './lib/duration';
export * from './lib/confidence';
export * from './lib/speaker-label';
export * from './lib/call-filter';
export * from './lib/transcript-text';
