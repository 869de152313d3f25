export * from './history-fixtures';
export * from './history-test-search';
export * from './history-test-peer';
export * from './history-test-session';
