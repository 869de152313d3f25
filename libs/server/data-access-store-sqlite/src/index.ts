export { type FullTextIndexerOptions, type IndexingErrorHandler } from './lib/full-text-indexer';
export { SchemaTooNewError } from './lib/migrations';
export { DatabaseInUseError } from './lib/open-call-database';
export { SqliteCallArchive } from './lib/sqlite-call-archive';
export { SqliteCallLog } from './lib/sqlite-call-log';
export { SqliteCallStorage, type SqliteCallStorageOptions } from './lib/sqlite-call-storage';
export { SqliteExtensionSettings } from './lib/sqlite-extension-settings';
export { SqliteWebhookOutbox } from './lib/sqlite-webhook-outbox';
