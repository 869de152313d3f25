export * from './lib/call-audio';
export * from './lib/frame-pacer';
export * from './lib/l16-call';
export * from './lib/open-socket';
export * from './lib/run-simulation';
export * from './lib/transcript-watcher';
export * from './lib/twilio-call';
export * from './lib/conversation-sources';
