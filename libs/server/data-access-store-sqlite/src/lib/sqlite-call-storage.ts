import type { CallInfo } from '@tnt/protocol';
import type { SqliteDatabase } from './sqlite-driver';
import { deleteEndedCallsStartedBefore } from './call-retention';
import {
  DEFAULT_FULL_TEXT_INDEXER_OPTIONS,
  FullTextIndexer,
  type FullTextIndexerOptions,
  type IndexingErrorHandler,
} from './full-text-indexer';
import { openCallDatabase } from './open-call-database';
import { SqliteCallArchive } from './sqlite-call-archive';
import { SqliteCallLog } from './sqlite-call-log';
import { SqliteExtensionSettings } from './sqlite-extension-settings';
import { SqliteWebhookOutbox } from './sqlite-webhook-outbox';

/** Options of {@link SqliteCallStorage.open}. */
export interface SqliteCallStorageOptions {
  /** Database file (its folder is created), or `:memory:` for tests. */
  readonly file: string;
  /** Receives failures of background indexing (they are retried at the next flush). */
  readonly onBackgroundError: IndexingErrorHandler;
  readonly fullText?: Partial<FullTextIndexerOptions>;
}

/** What opening found and repaired. */
export interface OpeningReport {
  /** Calls a killed process left open, now ended with reason `interrupted`. */
  readonly interruptedCalls: CallInfo[];
  /** Segments a killed process had stored but not yet indexed for search, now indexed. */
  readonly reindexedSegments: number;
}

/** `store_state` row that says the previous process closed the database cleanly. */
const CLEAN_SHUTDOWN = 'clean-shutdown';

/**
 * The SQLite call store as a whole: the write-side {@link SqliteCallLog}, the read-side
 * {@link SqliteCallArchive}, the extensions' {@link SqliteExtensionSettings}, retention, and the repairs due after a crash.
 */
export class SqliteCallStorage {
  readonly log: SqliteCallLog;
  readonly archive: SqliteCallArchive;
  /** Extensions' settings (phrase-alert rules …), in the same file. */
  readonly settings: SqliteExtensionSettings;
  /** The webhook outbox, in the same database. */
  readonly webhooks: SqliteWebhookOutbox;
  private readonly indexer: FullTextIndexer;

  private constructor(
    private readonly db: SqliteDatabase,
    options: SqliteCallStorageOptions,
    readonly opening: OpeningReport,
  ) {
    this.indexer = new FullTextIndexer(db, options.onBackgroundError, { ...DEFAULT_FULL_TEXT_INDEXER_OPTIONS, ...options.fullText });
    this.log = new SqliteCallLog(db, this.indexer);
    this.archive = new SqliteCallArchive(db, this.indexer);
    this.settings = new SqliteExtensionSettings(db);
    this.webhooks = new SqliteWebhookOutbox(db);
  }

  /**
   * Opens and migrates the database, then repairs what a killed process left: open calls are
   * ended as `interrupted`, and after an unclean stop unindexed segments are indexed.
   */
  static open(options: SqliteCallStorageOptions): SqliteCallStorage {
    const db = openCallDatabase(options.file);
    try {
      const state = db.prepare('SELECT value FROM store_state WHERE name = ?').pluck();
      const wasClean = state.get(CLEAN_SHUTDOWN) === '1';
      db.prepare('INSERT OR REPLACE INTO store_state (name, value) VALUES (?, ?)').run(CLEAN_SHUTDOWN, '0');
      const opening = { interruptedCalls: [] as CallInfo[], reindexedSegments: 0 };
      const storage = new SqliteCallStorage(db, options, opening);
      opening.interruptedCalls = storage.log.markOpenCallsInterrupted();
      if (!wasClean) opening.reindexedSegments = storage.indexer.catchUp();
      return storage;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** The database file's path. */
  get file(): string {
    return this.db.name;
  }

  /** Segments stored but not yet searchable (they become so within the flush interval). */
  get unindexedSegmentCount(): number {
    return this.indexer.pendingCount;
  }

  /** Deletes up to `limit` ended calls that started before `cutoff`; returns how many. */
  deleteEndedCallsStartedBefore(cutoff: Date, limit: number): number {
    this.indexer.flush();
    return deleteEndedCallsStartedBefore(this.db, cutoff, limit);
  }

  /**
   * Checks the database file and that the full-text index matches the stored segments; returns
   * the problems found (none: an empty list).
   */
  checkIntegrity(): string[] {
    this.indexer.flush();
    const problems = (this.db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .filter((result) => result !== 'ok');
    try {
      this.db.prepare("INSERT INTO segments_fts (segments_fts, rank) VALUES ('integrity-check', 1)").run();
    } catch (error) {
      problems.push(`full-text index: ${error instanceof Error ? error.message : String(error)}`);
    }
    return problems;
  }

  /** Indexes what is queued, records a clean shutdown and closes the database. */
  close(): void {
    if (!this.db.open) return;
    this.indexer.close();
    this.db.prepare('INSERT OR REPLACE INTO store_state (name, value) VALUES (?, ?)').run(CLEAN_SHUTDOWN, '1');
    this.db.close();
  }
}
