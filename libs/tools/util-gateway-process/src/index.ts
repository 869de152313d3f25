export * from './lib/gateway-process';
export * from './lib/workspace-root';
export * from './lib/gateway-access';
