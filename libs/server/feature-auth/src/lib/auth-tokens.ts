/** Injection token of the accepted ingest API keys (`readonly string[]`): configured or generated. */
export const INGEST_API_KEYS = Symbol('INGEST_API_KEYS');
