export * from './lib/call-storage';
export * from './lib/durable-call-event-store';
export * from './lib/durable-call-log';
export * from './lib/storage-maintenance.service';
export * from './lib/storage.module';
export * from './lib/unavailable-call-archive';
