import { SqliteDriver, type SqliteDatabase } from './sqlite-driver';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { applyMigrations } from './migrations';

/** Another process holds the database: one gateway per data directory. */
export class DatabaseInUseError extends Error {
  constructor(readonly file: string) {
    super(`the call database ${file} is in use by another process; each gateway needs its own TNT_DATA_DIR`);
    this.name = 'DatabaseInUseError';
  }
}

/** How long to wait for a lock held by a process that is just exiting (e.g. after SIGTERM). */
const LOCK_WAIT_MS = 2000;

/**
 * Opens (creating folder and file when missing) the call database and migrates it:
 * - WAL with `synchronous=NORMAL`: a commit is a write into the WAL, without fsync; it survives
 *   the process being killed (the OS has the data) and the WAL is fsynced at each checkpoint, so
 *   only an OS crash or power loss can lose the newest commits, never corrupt the file.
 * - `locking_mode=EXCLUSIVE`: the gateway holds the file for its lifetime, so a second gateway
 *   on the same data directory fails at start instead of marking the first one's calls
 *   interrupted; the OS releases the lock when the process dies, even by `kill -9`.
 */
export function openCallDatabase(file: string): SqliteDatabase {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new SqliteDriver(file, { timeout: LOCK_WAIT_MS });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (file !== ':memory:' && mode !== 'wal')
      throw new Error(`the call database ${file} cannot use WAL (journal mode is ${String(mode)})`);
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Take the exclusive lock now rather than at the first write, so a second gateway fails here.
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    applyMigrations(db);
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(file);
    throw error;
  }
}
