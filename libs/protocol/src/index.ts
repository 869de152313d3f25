export * from './lib/speaker';
export * from './lib/call';
export * from './lib/transcript';
export * from './lib/server-messages';
export * from './lib/client-messages';
export * from './lib/error-codes';
export * from './lib/close-codes';
export * from './lib/protocol-version';
