import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hasErrorCode } from './errno';

/** Only the owner may read or write: user hashes, keys and secrets. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Replaces `path` with `content` so that readers see the old file or the new one, never a torn
 * one: written to a temporary file in the same folder (created with `mode`, 0600 by default),
 * flushed, renamed over `path`, and the folder flushed so the rename survives a crash.
 */
export async function writeFileAtomic(path: string, content: string, mode = PRIVATE_FILE_MODE): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const file = await open(temporary, 'wx', mode);
  try {
    await file.writeFile(content, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const folder = await open(dirname(path), 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

/** Options of {@link withFileLock}. */
export interface FileLockOptions {
  /** Give up after waiting this long (default 5 s). */
  readonly timeoutMs?: number;
  /** A lock file older than this was left by a crashed process and is taken over (default 30 s). */
  readonly staleMs?: number;
}

async function acquire(lockPath: string, timeoutMs: number, staleMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const lock = await open(lockPath, 'wx', PRIVATE_FILE_MODE);
      await lock.writeFile(`${process.pid}\n`);
      await lock.close();
      return;
    } catch (error) {
      if (!hasErrorCode(error, 'EEXIST')) throw error;
    }
    const age = await stat(lockPath).then(
      (stats) => Date.now() - stats.mtimeMs,
      (error: unknown) => {
        if (hasErrorCode(error, 'ENOENT')) return 0; // released meanwhile: try again at once
        throw error;
      },
    );
    if (age > staleMs) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lockPath} is held by another process (waited ${timeoutMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `work` while holding an exclusive lock file (created with O_EXCL), so that the server and
 * the `users` CLI never interleave read-modify-write cycles on the same file.
 */
export async function withFileLock<T>(lockPath: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  await acquire(lockPath, options.timeoutMs ?? 5_000, options.staleMs ?? 30_000);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}
