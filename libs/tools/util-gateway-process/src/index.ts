export * from './lib/gateway-process';
export * from './lib/workspace-root';
