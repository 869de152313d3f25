export { type Migration, POSTGRES_MIGRATIONS, SchemaTooNewError } from './lib/migrations';
export { PostgresCallArchive } from './lib/postgres-call-archive';
export { PostgresCallLog } from './lib/postgres-call-log';
export { PostgresCallStorage, type PostgresCallStorageOptions, type PostgresOpeningReport } from './lib/postgres-call-storage';
export { PostgresUserDirectory, type PostgresUserDirectoryOptions } from './lib/postgres-user-directory';
export { PostgresExtensionSettings } from './lib/postgres-extension-settings';
export { PostgresWebhookOutbox } from './lib/postgres-webhook-outbox';
