export { IngestConnections } from './lib/ingest-connections';
export { INGEST_ERROR_CODES, ingestError, type IngestErrorCode } from './lib/ingest-error';
export { IngestModule, type IngestModuleOptions } from './lib/ingest.module';
