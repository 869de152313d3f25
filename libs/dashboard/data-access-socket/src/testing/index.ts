export * from './protocol-test-peer';
export * from './timing-test-web-socket';
