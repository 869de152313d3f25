export * from './auth-test-peer';
