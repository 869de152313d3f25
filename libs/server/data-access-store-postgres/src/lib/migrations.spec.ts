import { Pool } from 'pg';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { applyMigrations, POSTGRES_MIGRATIONS, SchemaTooNewError, schemaVersion, type Migration } from './migrations';
import { PostgresCallStorage } from './postgres-call-storage';
import { schemaObjects, type SchemaObjects } from './schema-objects';

describe('PostgreSQL migrations', () => {
  let pool: Pool;
  let objects: SchemaObjects;

  beforeAll(() => (pool = new Pool({ connectionString: TEST_DATABASE_URL, max: 2 })));
  afterAll(() => pool.end());
  beforeEach(() => (objects = schemaObjects(randomSchemaName())));
  afterEach(() => dropSchema(objects.schema));

  const tables = async () =>
    (
      await pool.query<{ name: string }>('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [
        objects.schema,
      ])
    ).rows.map((row) => row.name);

  it('creates the schema when missing and records each version', async () => {
    expect(await applyMigrations(pool, objects)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
    expect(await schemaVersion(pool, objects)).toBe(POSTGRES_MIGRATIONS.length);
    expect(await tables()).toEqual([
      'call_events',
      'calls',
      'extension_settings',
      'insights',
      'schema_migrations',
      'segments',
      'users',
      'webhook_deliveries',
      'webhook_observed_calls',
      'webhook_state',
    ]);
    expect(await applyMigrations(pool, objects)).toEqual([]);
  });

  it('migrates exactly once when several instances open a fresh schema at the same time', async () => {
    const open = (instanceId: string) =>
      PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema: objects.schema, instanceId });
    const storages = await Promise.all([open('instance-a'), open('instance-b'), open('instance-c')]);
    try {
      const applied = storages.map((storage) => storage.opening.appliedMigrations);
      expect(applied.filter((versions) => versions.length > 0)).toEqual([POSTGRES_MIGRATIONS.map((migration) => migration.version)]);
      const recorded = await pool.query(`SELECT version FROM ${objects.migrations} ORDER BY version`);
      expect(recorded.rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
    } finally {
      await Promise.all(storages.map((storage) => storage.close()));
    }
  });

  it('applies a later migration on top of existing data, keeping the rows', async () => {
    await applyMigrations(pool, objects);
    await pool.query(`INSERT INTO ${objects.calls} (id, agent_id, started_at, status, owner) VALUES ('c1', 'a1', now(), 'ended', 'i1')`);
    const next: Migration = {
      version: POSTGRES_MIGRATIONS.length + 1,
      name: 'queue names',
      sql: "ALTER TABLE calls ADD COLUMN queue text NOT NULL DEFAULT 'general'",
    };
    expect(await applyMigrations(pool, objects, [...POSTGRES_MIGRATIONS, next])).toEqual([next.version]);
    expect((await pool.query(`SELECT id, queue FROM ${objects.calls}`)).rows).toEqual([{ id: 'c1', queue: 'general' }]);
  });

  it('makes the segments stored before raw text existed searchable by their words again', async () => {
    const rawText = POSTGRES_MIGRATIONS.findIndex((migration) => migration.name.includes('raw words'));
    await applyMigrations(pool, objects, POSTGRES_MIGRATIONS.slice(0, rawText));
    await pool.query(`INSERT INTO ${objects.calls} (id, agent_id, started_at, status, owner) VALUES ('c1', 'a1', now(), 'ended', 'i1')`);
    await pool.query(
      `INSERT INTO ${objects.segments}
         (call_number, seq, segment_id, speaker, text, confidence, start_ms, end_ms, produced_at, engine, simulated)
       SELECT number, 2, 'u1', 'caller', 'my parcel is late', 0.9, 0, 1, '2026-01-01T00:00:00.000Z', 'scripted', true
       FROM ${objects.calls}`,
    );
    expect(await applyMigrations(pool, objects)).toEqual(POSTGRES_MIGRATIONS.slice(rawText).map((migration) => migration.version));
    const found = await pool.query(
      `SELECT segment_id, raw FROM ${objects.segments} WHERE words @@ plainto_tsquery(${objects.searchConfig}, 'parcels')`,
    );
    expect(found.rows).toEqual([{ segment_id: 'u1', raw: null }]);
  });

  it('rolls back a failing migration entirely and releases the lock', async () => {
    await applyMigrations(pool, objects);
    const broken: Migration = {
      version: POSTGRES_MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x int); SELECT no_such_function();',
    };
    await expect(applyMigrations(pool, objects, [...POSTGRES_MIGRATIONS, broken])).rejects.toThrow(/no_such_function/);
    expect(await tables()).not.toContain('half');
    expect(await schemaVersion(pool, objects)).toBe(POSTGRES_MIGRATIONS.length);
    // Another migration run gets the lock at once: the failed run did not keep it.
    expect(await applyMigrations(pool, objects)).toEqual([]);
  });

  it('refuses a schema written by a newer TnT', async () => {
    await applyMigrations(pool, objects);
    await pool.query(`INSERT INTO ${objects.migrations} (version, name) VALUES (99, 'from the future')`);
    await expect(applyMigrations(pool, objects)).rejects.toThrow(SchemaTooNewError);
    await expect(applyMigrations(pool, objects)).rejects.toThrow(
      `the PostgreSQL schema ${objects.schema} has version 99, newer than this gateway knows`,
    );
  });

  it('refuses a schema name it would have to quote', async () => {
    await expect(PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema: 'Tnt; DROP', instanceId: 'a' })).rejects.toThrow(
      'the PostgreSQL schema must be lower-case letters, digits and _ (at most 63, not starting with a digit); got "Tnt; DROP"',
    );
  });
});
