export * from './lib/connection-status.component';
