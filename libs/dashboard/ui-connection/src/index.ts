export * from './lib/connection-banner.component';
