export * from './lib/speaker';
