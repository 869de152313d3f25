export * from './lib/auth-session';
export * from './lib/auth-api.client';
export * from './lib/session-persistence';
export * from './lib/auth.store';
export * from './lib/auth-socket-credentials';
export * from './lib/provide-auth';
