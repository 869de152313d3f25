import type { Pool, PoolClient } from 'pg';
import type { SchemaObjects } from './schema-objects';

/** One step of the schema; `version`s start at 1 and increase by 1. SQL runs with `search_path` set to the store's schema. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The PostgreSQL store's schema, oldest first. Never edit a released migration: add the next one.
 *
 * Search uses its own text search configuration: English stems like SQLite's porter tokenizer but,
 * unlike PostgreSQL's `english`, no stop words, so that searching "where is my" still finds
 * segments with those words. The `tsvector` is a stored generated column, so a segment is
 * searchable as soon as it is committed (SQLite indexes in batches behind the writes).
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'calls with their owner, call events, final segments with searchable words',
    sql: `
      CREATE TEXT SEARCH DICTIONARY transcript_stem (TEMPLATE = snowball, LANGUAGE = english);
      CREATE TEXT SEARCH CONFIGURATION transcript_words (COPY = pg_catalog.english);
      ALTER TEXT SEARCH CONFIGURATION transcript_words
        ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH transcript_stem;

      CREATE TABLE calls (
        number bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        agent_id text NOT NULL,
        caller text,
        callee text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        status text NOT NULL CHECK (status IN ('active', 'ended')),
        end_reason text,
        owner text NOT NULL,
        last_seq integer NOT NULL DEFAULT 0,
        last_event_at timestamptz NOT NULL DEFAULT now(),
        final_segment_count integer NOT NULL DEFAULT 0
      );
      CREATE INDEX calls_by_start ON calls (started_at);
      CREATE INDEX calls_by_agent ON calls (agent_id, number);
      CREATE INDEX calls_by_status ON calls (status, number);

      CREATE TABLE call_events (
        call_number bigint NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('started', 'updated', 'ended')),
        call_json json NOT NULL,
        PRIMARY KEY (call_number, seq)
      );

      CREATE TABLE segments (
        call_number bigint NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq integer NOT NULL,
        segment_id text NOT NULL,
        speaker text NOT NULL,
        text text NOT NULL,
        confidence double precision NOT NULL,
        start_ms double precision NOT NULL,
        end_ms double precision NOT NULL,
        produced_at text NOT NULL,
        engine text NOT NULL,
        simulated boolean NOT NULL,
        annotations json,
        words tsvector GENERATED ALWAYS AS (to_tsvector('transcript_words'::regconfig, text)) STORED,
        PRIMARY KEY (call_number, seq)
      );
      CREATE INDEX segments_by_words ON segments USING gin (words);
    `,
  },
  {
    version: 2,
    name: 'users shared by every instance',
    sql: `
      CREATE TABLE users (
        username text PRIMARY KEY,
        role text NOT NULL CHECK (role IN ('supervisor', 'agent')),
        agent_id text,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz,
        demo boolean NOT NULL DEFAULT false
      );
    `,
  },
  {
    version: 3,
    name: 'insights of calls (alerts, metrics …), alerts findable by name',
    sql: `
      CREATE TABLE insights (
        call_number bigint NOT NULL REFERENCES calls (number) ON DELETE CASCADE,
        seq integer NOT NULL,
        kind text NOT NULL,
        alert_name text,
        insight_json json NOT NULL,
        PRIMARY KEY (call_number, seq)
      );
      CREATE INDEX insights_by_alert ON insights (alert_name, call_number) WHERE alert_name IS NOT NULL;
    `,
  },
  {
    // A generated column's expression cannot be changed in PostgreSQL 15: the words are generated again.
    version: 4,
    name: "segments keep the engine's raw words beside the formatted text; search finds either",
    sql: `
      ALTER TABLE segments ADD COLUMN raw text;
      DROP INDEX segments_by_words;
      ALTER TABLE segments DROP COLUMN words;
      ALTER TABLE segments ADD COLUMN words tsvector GENERATED ALWAYS AS (
        to_tsvector('transcript_words'::regconfig, text) || to_tsvector('transcript_words'::regconfig, coalesce(raw, ''))
      ) STORED;
      CREATE INDEX segments_by_words ON segments USING gin (words);
    `,
  },
  {
    // One row per key; the version is what optimistic writes compare (see PostgresExtensionSettings).
    version: 5,
    name: "extensions' settings (phrase-alert rules …) as versioned JSON documents",
    sql: `
      CREATE TABLE extension_settings (
        key text PRIMARY KEY,
        version integer NOT NULL CHECK (version > 0),
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    // The webhook outbox (libs/extensions/webhooks), shared by every instance: one row per (call, seq,
    // endpoint) by its idempotency key, claimed with FOR UPDATE SKIP LOCKED under a lease. Times are
    // milliseconds since the epoch of the writing instance's clock.
    version: 6,
    name: 'webhook outbox: deliveries, the observer cursor per call',
    sql: `
      CREATE TABLE webhook_deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        call_id text NOT NULL,
        seq integer NOT NULL,
        event text NOT NULL,
        url text NOT NULL,
        payload text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        created_at bigint NOT NULL,
        next_attempt_at bigint NOT NULL,
        lease_owner text,
        lease_until bigint,
        last_error text,
        last_status integer,
        finished_at bigint
      );
      CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
      CREATE INDEX webhook_deliveries_failed ON webhook_deliveries (status, id) WHERE status = 'dead' OR attempts > 0;
      CREATE TABLE webhook_observed_calls (call_id text PRIMARY KEY, observed_seq integer NOT NULL);
      CREATE TABLE webhook_state (name text PRIMARY KEY, value text NOT NULL);
    `,
  },
  {
    // The conversation's language as telephony named it (AudioHook's `language`); calls stored before have
    // none. A nullable column without a default: added without rewriting the table.
    version: 7,
    name: "calls keep the conversation's language",
    sql: `ALTER TABLE calls ADD COLUMN language text;`,
  },
];

/** The schema was written by a newer TnT than this one. */
export class SchemaTooNewError extends Error {
  constructor(schema: string, found: number, known: number) {
    super(`the PostgreSQL schema ${schema} has version ${found}, newer than this gateway knows (${known}); run a newer TnT`);
    this.name = 'SchemaTooNewError';
  }
}

/** Names the advisory lock (first key; the second is the schema) that serialises migrations. */
const MIGRATION_LOCK = 'tnt-store-migrations';

/**
 * Creates the schema when missing and brings it up to the newest of `migrations`, each step in its
 * own transaction together with its row in `schema_migrations`. Several instances starting at once
 * queue on a session advisory lock, so exactly one applies each step and the others find it done.
 * Returns the versions this call applied (empty when up to date).
 */
export async function applyMigrations(
  pool: Pool,
  objects: SchemaObjects,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1)
      throw new Error(`migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
  });
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', [MIGRATION_LOCK, objects.schema]);
    try {
      return await migrateLocked(client, objects, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [MIGRATION_LOCK, objects.schema]);
    }
  } catch (error) {
    // A connection whose unlock may not have run must not go back to the pool holding the lock.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

/** The newest migration applied to the schema, 0 when it has none. */
export async function schemaVersion(client: Pool | PoolClient, objects: SchemaObjects): Promise<number> {
  const result = await client.query<{ version: number }>(`SELECT coalesce(max(version), 0) AS version FROM ${objects.migrations}`);
  return result.rows[0].version;
}

async function migrateLocked(client: PoolClient, objects: SchemaObjects, migrations: readonly Migration[]): Promise<number[]> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${objects.schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${objects.migrations} (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const current = await schemaVersion(client, objects);
  if (current > migrations.length) throw new SchemaTooNewError(objects.schema, current, migrations.length);
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO ${objects.schema}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${objects.migrations} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    applied.push(migration.version);
  }
  return applied;
}
