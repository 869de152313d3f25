import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { temporaryFolder } from '../testing/call-fixtures';
import { DatabaseInUseError, openCallDatabase } from './open-call-database';

/** Starts a separate process that holds `file` open the way a gateway does, until killed. */
function holdInAnotherProcess(file: string): Promise<{ kill: () => Promise<void> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    console.log('holding');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout.once('data', () =>
      resolve({
        kill: () => {
          child.kill('SIGKILL');
          return exited;
        },
      }),
    );
  });
}

describe('openCallDatabase', () => {
  const folder = temporaryFolder();
  afterAll(() => folder.remove());

  it('creates the data folder and opens in WAL mode with synchronous NORMAL', () => {
    const file = join(folder.path, 'nested', 'data', 'calls.sqlite');
    const db = openCallDatabase(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 1 = NORMAL (https://www.sqlite.org/pragma.html#pragma_synchronous)
      expect(db.pragma('synchronous', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses a database another process holds, and opens it once that process is killed', async () => {
    const file = join(folder.path, 'shared.sqlite');
    const holder = await holdInAnotherProcess(file);
    try {
      expect(() => openCallDatabase(file)).toThrow(DatabaseInUseError);
      expect(() => openCallDatabase(file)).toThrow(/in use by another process; each gateway needs its own TNT_DATA_DIR/);
    } finally {
      await holder.kill();
    }
    openCallDatabase(file).close();
  });
});
