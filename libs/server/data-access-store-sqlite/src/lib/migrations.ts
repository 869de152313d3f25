import type { SqliteDatabase } from './sqlite-driver';

/** One step of the schema; `version`s start at 1 and increase by 1. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The call store's schema, oldest first. Never edit a released migration: add the next one.
 *
 * Final segments are keyed by `key = call number × 2^24 + seq` (see `segment-keys.ts`), so a call's
 * segments sit together in one rowid range, no secondary index is written per segment, and the
 * full-text index can use the same integer as its rowid.
 */
export const CALL_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'calls, call events, final segments and their full-text index',
    sql: `
      CREATE TABLE calls (
        number INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL,
        caller TEXT,
        callee TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
        end_reason TEXT,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_event_at TEXT NOT NULL,
        final_segment_count INTEGER NOT NULL DEFAULT 0,
        indexed_seq INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX calls_by_start ON calls (started_at);
      CREATE INDEX calls_by_agent ON calls (agent_id, number);
      CREATE INDEX calls_by_status ON calls (status, number);

      CREATE TABLE call_events (
        call_number INTEGER NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('started', 'updated', 'ended')),
        call_json TEXT NOT NULL,
        PRIMARY KEY (call_number, seq)
      ) WITHOUT ROWID;

      CREATE TABLE segments (
        key INTEGER PRIMARY KEY,
        call_number INTEGER NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        segment_id TEXT NOT NULL,
        speaker TEXT NOT NULL,
        text TEXT NOT NULL,
        confidence REAL NOT NULL,
        start_ms REAL NOT NULL,
        end_ms REAL NOT NULL,
        produced_at TEXT NOT NULL,
        engine TEXT NOT NULL,
        simulated INTEGER NOT NULL,
        annotations TEXT
      );

      CREATE VIRTUAL TABLE segments_fts USING fts5 (
        text, content = 'segments', content_rowid = 'key', tokenize = 'porter unicode61'
      );

      CREATE TABLE store_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'insights of calls (alerts, metrics …), alerts findable by name',
    sql: `
      CREATE TABLE insights (
        call_number INTEGER NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        alert_name TEXT,
        insight_json TEXT NOT NULL,
        PRIMARY KEY (call_number, seq)
      ) WITHOUT ROWID;
      CREATE INDEX insights_by_alert ON insights (alert_name, call_number) WHERE alert_name IS NOT NULL;
    `,
  },
  {
    // FTS5 cannot add a column to an index: it is made again with both columns and refilled with the
    // segments that were indexed (those after a call's indexed_seq are left to the indexer, as before).
    version: 3,
    name: "segments keep the engine's raw words beside the formatted text; search finds either",
    sql: `
      ALTER TABLE segments ADD COLUMN raw TEXT;
      DROP TABLE segments_fts;
      CREATE VIRTUAL TABLE segments_fts USING fts5 (
        text, raw, content = 'segments', content_rowid = 'key', tokenize = 'porter unicode61'
      );
      INSERT INTO segments_fts (rowid, text, raw)
        SELECT s.key, s.text, s.raw FROM segments s JOIN calls c ON c.number = s.call_number WHERE s.seq <= c.indexed_seq;
    `,
  },
  {
    // One row per key; the version is what optimistic writes compare (see SqliteExtensionSettings).
    version: 4,
    name: "extensions' settings (phrase-alert rules …) as versioned JSON documents",
    sql: `
      CREATE TABLE extension_settings (
        key TEXT PRIMARY KEY,
        version INTEGER NOT NULL CHECK (version > 0),
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // The webhook outbox (libs/extensions/webhooks): deliveries are rows in the call store, so a
    // restart or a kill loses none; one row per (call, seq, endpoint), by its idempotency key. Times
    // are milliseconds since the epoch of the writer's clock. `webhook_observed_calls` is the cursor
    // of the observer that enqueues them, `webhook_state` the moment it first ran.
    version: 5,
    name: 'webhook outbox: deliveries, the observer cursor per call',
    sql: `
      CREATE TABLE webhook_deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        call_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        payload TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        next_attempt_at INTEGER NOT NULL,
        lease_owner TEXT,
        lease_until INTEGER,
        last_error TEXT,
        last_status INTEGER,
        finished_at INTEGER
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (status, id) WHERE status = 'dead' OR attempts > 0;
      CREATE TABLE webhook_observed_calls (call_id TEXT PRIMARY KEY, observed_seq INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE webhook_state (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
  {
    // The conversation's language as telephony named it (AudioHook's `language`); calls stored before have none.
    version: 6,
    name: "calls keep the conversation's language",
    sql: `ALTER TABLE calls ADD COLUMN language TEXT;`,
  },
];

/** The database was written by a newer TnT than this one. */
export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`the call database has schema version ${found}, newer than this gateway knows (${known}); run a newer TnT`);
    this.name = 'SchemaTooNewError';
  }
}

/**
 * Brings the schema up to the newest of `migrations`, each step in its own transaction together
 * with its row in `schema_migrations`. Returns the versions applied now (empty when up to date).
 */
export function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[] = CALL_STORE_MIGRATIONS): number[] {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const current = schemaVersion(db);
  if (current > migrations.length) throw new SchemaTooNewError(current, migrations.length);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}

/** The newest migration applied to `db`, 0 for an empty database. */
export function schemaVersion(db: SqliteDatabase): number {
  return (db.prepare('SELECT coalesce(max(version), 0) FROM schema_migrations').pluck().get() as number | undefined) ?? 0;
}
