/** A schema name the store accepts: it is written into SQL unquoted, so only these characters. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws, naming the value, unless `schema` is a plain lower-case PostgreSQL identifier. */
export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) {
    const rule = 'lower-case letters, digits and _ (at most 63, not starting with a digit)';
    throw new Error(`the PostgreSQL schema must be ${rule}; got ${JSON.stringify(schema)}`);
  }
}

/**
 * The store's tables and its text search configuration, qualified by the schema, for SQL that runs
 * outside the migrations (connections keep the default `search_path`, so every name is qualified).
 */
export interface SchemaObjects {
  readonly schema: string;
  readonly calls: string;
  readonly callEvents: string;
  readonly segments: string;
  readonly insights: string;
  readonly migrations: string;
  readonly users: string;
  readonly extensionSettings: string;
  readonly webhookDeliveries: string;
  readonly webhookObservedCalls: string;
  readonly webhookState: string;
  /** The `regconfig` of transcript words (English stems, no stop words), as an SQL literal. */
  readonly searchConfig: string;
}

/** The qualified names in `schema` (validated first). */
export function schemaObjects(schema: string): SchemaObjects {
  assertSchemaName(schema);
  return {
    schema,
    calls: `${schema}.calls`,
    callEvents: `${schema}.call_events`,
    segments: `${schema}.segments`,
    insights: `${schema}.insights`,
    migrations: `${schema}.schema_migrations`,
    users: `${schema}.users`,
    extensionSettings: `${schema}.extension_settings`,
    webhookDeliveries: `${schema}.webhook_deliveries`,
    webhookObservedCalls: `${schema}.webhook_observed_calls`,
    webhookState: `${schema}.webhook_state`,
    searchConfig: `'${schema}.transcript_words'::regconfig`,
  };
}
