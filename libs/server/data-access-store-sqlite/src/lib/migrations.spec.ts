import { SqliteDriver, type SqliteDatabase } from './sqlite-driver';
import { applyMigrations, CALL_STORE_MIGRATIONS, SchemaTooNewError, schemaVersion, type Migration } from './migrations';

describe('applyMigrations', () => {
  let db: SqliteDatabase;
  beforeEach(() => (db = new SqliteDriver(':memory:')));
  afterEach(() => db.close());

  const tables = () => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

  it('creates the schema on an empty database and records each version', () => {
    expect(applyMigrations(db)).toEqual(CALL_STORE_MIGRATIONS.map((migration) => migration.version));
    expect(schemaVersion(db)).toBe(CALL_STORE_MIGRATIONS.length);
    expect(tables()).toEqual(
      expect.arrayContaining(['calls', 'call_events', 'segments', 'segments_fts', 'schema_migrations', 'store_state']),
    );
  });

  it('applies nothing to an up-to-date database', () => {
    applyMigrations(db);
    expect(applyMigrations(db)).toEqual([]);
  });

  it('applies a later migration on top of existing data, keeping the rows', () => {
    applyMigrations(db);
    const insertEndedCall =
      'INSERT INTO calls (id, agent_id, started_at, status, last_event_at) ' +
      "VALUES ('c1', 'a1', '2026-01-01T00:00:00.000Z', 'ended', '2026-01-01T00:00:00.000Z')";
    db.prepare(insertEndedCall).run();
    const next: Migration = {
      version: CALL_STORE_MIGRATIONS.length + 1,
      name: 'queue names',
      sql: "ALTER TABLE calls ADD COLUMN queue TEXT NOT NULL DEFAULT 'general'",
    };
    expect(applyMigrations(db, [...CALL_STORE_MIGRATIONS, next])).toEqual([next.version]);
    expect(db.prepare('SELECT id, queue FROM calls').get()).toEqual({ id: 'c1', queue: 'general' });
  });

  it('rolls back a failing migration entirely', () => {
    applyMigrations(db);
    const broken: Migration = {
      version: CALL_STORE_MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half (x); SELECT no_such_function();',
    };
    expect(() => applyMigrations(db, [...CALL_STORE_MIGRATIONS, broken])).toThrow(/no such function/);
    expect(tables()).not.toContain('half');
    expect(schemaVersion(db)).toBe(CALL_STORE_MIGRATIONS.length);
  });

  it('keeps the segments indexed before raw text existed searchable, and leaves unindexed ones to the indexer', () => {
    const rawText = CALL_STORE_MIGRATIONS.findIndex((migration) => migration.name.includes('raw words'));
    applyMigrations(db, CALL_STORE_MIGRATIONS.slice(0, rawText));
    db.prepare(
      `INSERT INTO calls (number, id, agent_id, started_at, status, last_event_at, indexed_seq)
       VALUES (1, 'c1', 'a1', '2026-01-01T00:00:00.000Z', 'active', '2026-01-01T00:00:00.000Z', 2)`,
    ).run();
    const insertSegment = db.prepare(
      `INSERT INTO segments (key, call_number, seq, segment_id, speaker, text, confidence, start_ms, end_ms, produced_at, engine, simulated)
       VALUES (?, 1, ?, ?, 'caller', ?, 0.9, 0, 1, '2026-01-01T00:00:00.000Z', 'scripted', 1)`,
    );
    insertSegment.run(16_777_218, 2, 'u1', 'my parcel is late');
    insertSegment.run(16_777_219, 3, 'u2', 'still waiting for the parcel');
    db.prepare("INSERT INTO segments_fts (rowid, text) VALUES (16777218, 'my parcel is late')").run();
    expect(applyMigrations(db)).toEqual(CALL_STORE_MIGRATIONS.slice(rawText).map((migration) => migration.version));
    const found = db.prepare("SELECT rowid FROM segments_fts WHERE segments_fts MATCH 'parcel'").pluck().all();
    expect(found).toEqual([16_777_218]);
    expect(db.prepare('SELECT raw FROM segments WHERE key = 16777218').pluck().get()).toBeNull();
    // What the indexer then adds for the unindexed segment makes the index whole.
    db.prepare('INSERT INTO segments_fts (rowid, text, raw) SELECT key, text, raw FROM segments WHERE key = 16777219').run();
    expect(() => db.prepare("INSERT INTO segments_fts (segments_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
  });

  it('gives calls stored before the language column none, and keeps them', () => {
    const language = CALL_STORE_MIGRATIONS.findIndex((migration) => migration.name.includes('language'));
    applyMigrations(db, CALL_STORE_MIGRATIONS.slice(0, language));
    db.prepare(
      `INSERT INTO calls (id, agent_id, caller, started_at, status, last_event_at)
       VALUES ('c1', 'a1', '+15550100', '2026-01-01T00:00:00.000Z', 'ended', '2026-01-01T00:00:00.000Z')`,
    ).run();
    expect(applyMigrations(db)).toEqual(CALL_STORE_MIGRATIONS.slice(language).map((migration) => migration.version));
    expect(db.prepare('SELECT id, caller, language FROM calls').get()).toEqual({ id: 'c1', caller: '+15550100', language: null });
  });

  it('refuses a database written by a newer TnT', () => {
    applyMigrations(db);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01T00:00:00.000Z')").run();
    expect(() => applyMigrations(db)).toThrow(SchemaTooNewError);
    expect(() => applyMigrations(db)).toThrow(/schema version 99, newer than this gateway knows/);
  });
});
