export * from './lib/socket-options';
export * from './lib/socket-credentials';
export * from './lib/transcript-socket.service';
export * from './lib/reconnect-backoff';
export * from './lib/call-seq-tracker';
