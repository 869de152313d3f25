import { Pool } from 'pg';
import { applyMigrations } from './migrations';
import { PostgresCallArchive } from './postgres-call-archive';
import { PostgresCallLog } from './postgres-call-log';
import { PostgresExtensionSettings } from './postgres-extension-settings';
import { PostgresUserDirectory } from './postgres-user-directory';
import { PostgresWebhookOutbox } from './postgres-webhook-outbox';
import { schemaObjects, type SchemaObjects } from './schema-objects';

/** Options of {@link PostgresCallStorage.open}. */
export interface PostgresCallStorageOptions {
  /** `postgres://user@host:port/database` (`TNT_DATABASE_URL`). */
  readonly connectionString: string;
  /** The schema that holds the store's tables (`TNT_DATABASE_SCHEMA`); created when missing. */
  readonly schema: string;
  /** This instance (`TNT_INSTANCE_ID`): the owner of the calls it creates or takes over. */
  readonly instanceId: string;
  /** Most connections this instance opens (default 10). */
  readonly poolSize?: number;
  /**
   * How long opening a connection may take before it fails (default 3000 ms), so that an unreachable
   * server is noticed in seconds, not at the operating system's TCP timeout.
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long a statement's answer may take before it fails and its connection is dropped (default
   * 10000 ms): a server that stops answering (a network partition) fails writes instead of hanging them.
   */
  readonly queryTimeoutMs?: number;
  /**
   * Receives failures nobody awaits: an idle pooled connection that broke (the server restarted or
   * the network dropped it). The pool replaces it; queries in flight reject on their own.
   */
  readonly onBackgroundError?: (error: Error) => void;
}

/** What opening did. */
export interface PostgresOpeningReport {
  /** Migration versions this instance applied (empty when another instance had, or the schema was up to date). */
  readonly appliedMigrations: number[];
}

/**
 * The PostgreSQL call store as a whole, shared by every instance of a cluster: the fenced write-side
 * {@link PostgresCallLog}, the read-side {@link PostgresCallArchive}, retention, the users
 * ({@link PostgresUserDirectory}) and the extensions' settings ({@link PostgresExtensionSettings}). Unlike the SQLite
 * store it repairs nothing at opening: calls left open by a dead instance are the reaper's to end,
 * since another instance may still be serving them.
 */
export class PostgresCallStorage {
  readonly log: PostgresCallLog;
  readonly archive: PostgresCallArchive;
  /** The users every instance shares, on the store's connections. */
  readonly users: PostgresUserDirectory;
  /** Extensions' settings (phrase-alert rules …) every instance shares. */
  readonly settings: PostgresExtensionSettings;
  /** The webhook outbox every instance shares, on the store's connections. */
  readonly webhooks: PostgresWebhookOutbox;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    private readonly objects: SchemaObjects,
    instanceId: string,
    readonly opening: PostgresOpeningReport,
  ) {
    this.log = new PostgresCallLog(pool, objects, instanceId);
    this.archive = new PostgresCallArchive(pool, objects);
    this.users = new PostgresUserDirectory(pool, objects);
    this.settings = new PostgresExtensionSettings(pool, objects);
    this.webhooks = new PostgresWebhookOutbox(pool, objects);
  }

  /** Connects, creates the schema when missing and migrates it (one instance at a time, under an advisory lock). */
  static async open(options: PostgresCallStorageOptions): Promise<PostgresCallStorage> {
    const objects = schemaObjects(options.schema);
    if (options.instanceId.trim() === '') throw new Error('the instance id of the PostgreSQL call store must not be empty');
    const connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    const onBackgroundError =
      options.onBackgroundError ?? ((error: Error) => console.error('PostgreSQL call store: an idle connection failed', error));
    // Migrations on connections of their own, without the statement timeout: building an index on a
    // large table may rightly take longer than any call-time statement should.
    const migrationPool = new Pool({ connectionString: options.connectionString, max: 1, connectionTimeoutMillis: connectTimeoutMs });
    migrationPool.on('error', onBackgroundError);
    let appliedMigrations: number[];
    try {
      appliedMigrations = await applyMigrations(migrationPool, objects);
    } finally {
      await migrationPool.end();
    }
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: options.queryTimeoutMs ?? 10_000,
      keepAlive: true,
    });
    pool.on('error', onBackgroundError);
    return new PostgresCallStorage(pool, objects, options.instanceId, { appliedMigrations });
  }

  /** The schema the store lives in. */
  get schema(): string {
    return this.objects.schema;
  }

  /**
   * Deletes up to `limit` ended calls that started before `cutoff`, oldest first, with their events
   * and segments (and so their search entries), in one statement. Returns how many it deleted; call
   * again until it returns less than `limit`, so that a large backlog never holds locks for long.
   */
  async deleteEndedCallsStartedBefore(cutoff: Date, limit: number): Promise<number> {
    const result = await this.pool.query(
      `DELETE FROM ${this.objects.calls} WHERE number IN (
         SELECT number FROM ${this.objects.calls} WHERE status = 'ended' AND started_at < $1 ORDER BY number LIMIT $2)`,
      [cutoff.toISOString(), limit],
    );
    return result.rowCount ?? 0;
  }

  /** Closes every connection; the store is unusable afterwards. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
