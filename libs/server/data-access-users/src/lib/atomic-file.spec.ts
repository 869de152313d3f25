import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock, writeFileAtomic } from './atomic-file';

describe('writeFileAtomic', () => {
  let folder: string;
  beforeEach(async () => (folder = await mkdtemp(join(tmpdir(), 'tnt-atomic-'))));
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('replaces the file with mode 0600 and leaves no temporary file behind', async () => {
    const path = join(folder, 'users.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new content');
    expect(await readFile(path, 'utf8')).toBe('new content');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['users.json']);
  });

  it('never shows a reader a torn file while writers race', async () => {
    const path = join(folder, 'data.json');
    const big = (marker: string) => JSON.stringify({ marker, filler: marker.repeat(200_000) });
    await writeFileAtomic(path, big('a'));
    let reads = 0;
    const writers = Promise.all(['b', 'c', 'd', 'e'].map((marker) => writeFileAtomic(path, big(marker))));
    let done = false;
    void writers.finally(() => (done = true));
    // Not a poll but reads while the writers run; the deadline keeps a stuck writer from holding the worker forever.
    const deadline = Date.now() + 20_000;
    while (!done) {
      if (Date.now() > deadline) throw new Error('the four writers did not finish within 20 s');
      const text = await readFile(path, 'utf8');
      expect(() => JSON.parse(text)).not.toThrow();
      reads++;
    }
    await writers;
    expect(reads).toBeGreaterThan(0);
  });
});

describe('withFileLock', () => {
  let folder: string;
  beforeEach(async () => (folder = await mkdtemp(join(tmpdir(), 'tnt-lock-'))));
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('runs critical sections one after another', async () => {
    const lock = join(folder, 'x.lock');
    const events: string[] = [];
    const section = (name: string) =>
      withFileLock(lock, async () => {
        events.push(`${name}:in`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`${name}:out`);
      });
    await Promise.all([section('a'), section('b'), section('c')]);
    for (let index = 0; index < events.length; index += 2) {
      expect(events[index].replace(':in', '')).toBe(events[index + 1].replace(':out', ''));
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const lock = join(folder, 'x.lock');
    await writeFile(lock, '999999\n');
    const old = new Date(Date.now() - 60_000);
    const { utimes } = await import('node:fs/promises');
    await utimes(lock, old, old);
    expect(await withFileLock(lock, async () => 'ran', { staleMs: 30_000 })).toBe('ran');
  });

  it('gives up on a live lock after the timeout with a message naming the file', async () => {
    const lock = join(folder, 'x.lock');
    await writeFile(lock, `${process.pid}\n`);
    await expect(withFileLock(lock, async () => 'ran', { timeoutMs: 100 })).rejects.toThrow(
      `${lock} is held by another process (waited 100 ms)`,
    );
  });

  it('releases the lock when the work fails, and passes the failure on', async () => {
    const lock = join(folder, 'x.lock');
    await expect(withFileLock(lock, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(folder)).toEqual([]);
  });
});
