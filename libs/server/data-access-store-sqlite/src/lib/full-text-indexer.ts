import type { SqliteDatabase, SqliteStatement } from './sqlite-driver';
import { keysAfter, SEQ_LIMIT, splitSegmentKey } from './segment-keys';

/** How the full-text index keeps up with new final segments. */
export interface FullTextIndexerOptions {
  /** Index at the latest this long after a segment was stored. */
  readonly flushIntervalMs: number;
  /** Index as soon as this many segments wait. */
  readonly batchSize: number;
}

/** Receives failures of indexing that runs on a timer, where nobody waits for the outcome. */
export type IndexingErrorHandler = (error: unknown) => void;

/** Defaults measured on a 2-core machine (see tools/bench/persistence). */
export const DEFAULT_FULL_TEXT_INDEXER_OPTIONS: FullTextIndexerOptions = { flushIntervalMs: 250, batchSize: 256 };

/**
 * Adds stored final segments to the FTS5 index in batches. Indexing each segment in its own write
 * transaction makes FTS5 write and merge a new index segment per commit, which cut sustained
 * writes below 4,000/s on a 2-core machine; batches of a few hundred keep them above 10,000/s.
 *
 * The segment rows themselves are committed before they are sent, so nothing is lost: each call's
 * `indexed_seq` records how far its segments are indexed, in the same transaction as the index
 * rows, and {@link FullTextIndexer.catchUp} indexes whatever a crash left behind.
 */
export class FullTextIndexer {
  private pending: number[] = [];
  private flushScheduled = false;
  private readonly timer: NodeJS.Timeout;
  private readonly indexKeys: SqliteStatement;
  private readonly advanceIndexedSeq: SqliteStatement;
  private readonly flushTransaction: () => void;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly onBackgroundError: IndexingErrorHandler,
    private readonly options: FullTextIndexerOptions = DEFAULT_FULL_TEXT_INDEXER_OPTIONS,
  ) {
    this.indexKeys = db.prepare(
      'INSERT INTO segments_fts (rowid, text, raw) SELECT key, text, raw FROM segments WHERE key IN (SELECT value FROM json_each(?))',
    );
    this.advanceIndexedSeq = db.prepare('UPDATE calls SET indexed_seq = max(indexed_seq, ?) WHERE number = ?');
    this.flushTransaction = db.transaction(() => this.indexPending());
    this.timer = setInterval(() => this.flushInBackground(), options.flushIntervalMs);
    this.timer.unref();
  }

  /** How many stored segments are not searchable yet. */
  get pendingCount(): number {
    return this.pending.length;
  }

  /** Queues a stored segment for indexing. */
  enqueue(key: number): void {
    this.pending.push(key);
    if (this.pending.length >= this.options.batchSize && !this.flushScheduled) {
      this.flushScheduled = true;
      // After the current event has been sent, not before: indexing is not on the send path.
      setImmediate(() => this.flushInBackground());
    }
  }

  /**
   * Indexes every queued segment now (searches call this first, so they see everything sent).
   * On failure the segments stay queued and the error is thrown.
   */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || !this.db.open) return;
    this.flushTransaction();
  }

  /**
   * Indexes the segments a crash left unindexed: those after each call's `indexed_seq`.
   * Returns how many it indexed.
   */
  catchUp(): number {
    const behind = this.db
      .prepare<{ number: number; indexed_seq: number }>(
        `SELECT number, indexed_seq FROM calls c WHERE EXISTS (
           SELECT 1 FROM segments s WHERE s.key > c.number * ${SEQ_LIMIT} + c.indexed_seq AND s.key < (c.number + 1) * ${SEQ_LIMIT})`,
      )
      .all();
    const indexRange = this.db.prepare(
      'INSERT INTO segments_fts (rowid, text, raw) SELECT key, text, raw FROM segments WHERE key > ? AND key < ?',
    );
    const newestSeq = this.db.prepare('SELECT max(seq) FROM segments WHERE key > ? AND key < ?').pluck();
    let indexed = 0;
    this.db.transaction(() => {
      for (const call of behind) {
        const { lower, upper } = keysAfter(call.number, call.indexed_seq);
        indexed += indexRange.run(lower, upper).changes;
        this.advanceIndexedSeq.run(newestSeq.get(lower, upper), call.number);
      }
    })();
    return indexed;
  }

  /** Stops the timer and indexes what is queued. */
  close(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private flushInBackground(): void {
    try {
      this.flush();
    } catch (error) {
      this.onBackgroundError(error);
    }
  }

  /** Runs inside the flush transaction: when it throws, the transaction rolls back and the keys stay queued. */
  private indexPending(): void {
    const keys = this.pending;
    this.pending = [];
    try {
      this.indexKeys.run(JSON.stringify(keys));
      const newestSeqOfCall = new Map<number, number>();
      for (const key of keys) {
        const { callNumber, seq } = splitSegmentKey(key);
        newestSeqOfCall.set(callNumber, Math.max(seq, newestSeqOfCall.get(callNumber) ?? 0));
      }
      for (const [callNumber, seq] of newestSeqOfCall) this.advanceIndexedSeq.run(seq, callNumber);
    } catch (error) {
      this.pending = keys.concat(this.pending);
      throw error;
    }
  }
}
