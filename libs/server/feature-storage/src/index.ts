export * from './lib/storage.module';
