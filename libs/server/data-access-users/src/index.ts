export * from './lib/user-record';
export * from './lib/password-hash';
export * from './lib/atomic-file';
export * from './lib/user-directory';
export * from './lib/data-dir-secrets';
