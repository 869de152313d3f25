import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a fresh temporary directory and removes the directory afterwards: at once when
 * `work` returns a value, once its promise settles when it returns one.
 */
export function withTemporaryDirectory<T>(work: (directory: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), 'tnt-testing-'));
  const remove = () => rmSync(directory, { recursive: true, force: true });
  let result: T;
  try {
    result = work(directory);
  } catch (error) {
    remove();
    throw error;
  }
  if (result instanceof Promise) return result.finally(remove) as T;
  remove();
  return result;
}
