import { join } from 'node:path';
import { activeCall, started, temporaryFolder, transcript } from '../testing/call-fixtures';
import { FullTextIndexer } from './full-text-indexer';
import { openCallDatabase } from './open-call-database';
import { SqliteCallLog } from './sqlite-call-log';
import { SqliteCallStorage } from './sqlite-call-storage';

describe('FullTextIndexer', () => {
  const folder = temporaryFolder();
  const file = join(folder.path, 'calls.sqlite');
  const failures: unknown[] = [];
  beforeEach(() => folder.remove());
  afterAll(() => folder.remove());
  afterEach(() => expect(failures).toEqual([]));

  it('indexes in the background within the flush interval', async () => {
    const storage = SqliteCallStorage.open({
      file,
      onBackgroundError: (error) => failures.push(error),
      fullText: { flushIntervalMs: 20, batchSize: 1000 },
    });
    try {
      const call = activeCall('c1');
      storage.log.createCall(call);
      storage.log.append(started(call));
      storage.log.append(transcript('c1', 2, 'u1', 'the parcel never arrived'));
      expect(storage.unindexedSegmentCount).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(storage.unindexedSegmentCount).toBe(0);
    } finally {
      storage.close();
    }
  });

  it('indexes a full batch right after the event that filled it', async () => {
    const storage = SqliteCallStorage.open({
      file,
      onBackgroundError: (error) => failures.push(error),
      fullText: { flushIntervalMs: 60_000, batchSize: 3 },
    });
    try {
      const call = activeCall('c1');
      storage.log.createCall(call);
      storage.log.append(started(call));
      for (let seq = 2; seq <= 4; seq++) storage.log.append(transcript('c1', seq, `u${seq}`, `line ${seq}`));
      expect(storage.unindexedSegmentCount).toBe(3);
      await new Promise((resolve) => setImmediate(resolve));
      expect(storage.unindexedSegmentCount).toBe(0);
    } finally {
      storage.close();
    }
  });

  it('indexes at the next start what a killed process stored but had not indexed', async () => {
    // What a process killed mid-call leaves: committed segments, an index that lags, no clean-shutdown mark.
    const db = openCallDatabase(file);
    const indexer = new FullTextIndexer(db, (error) => failures.push(error), { flushIntervalMs: 60_000, batchSize: 10_000 });
    const log = new SqliteCallLog(db, indexer);
    const call = activeCall('c1');
    log.createCall(call);
    log.append(started(call));
    log.append(transcript('c1', 2, 'u1', 'the courier lost my parcel'));
    indexer.flush();
    log.append(transcript('c1', 3, 'u2', 'we will refund the shipping'));
    db.close();
    indexer.close();

    const storage = SqliteCallStorage.open({ file, onBackgroundError: (error) => failures.push(error) });
    try {
      expect(storage.opening.reindexedSegments).toBe(1);
      const found = await storage.archive.listCalls({ limit: 10, text: 'refund shipping' });
      expect(found.calls.map((listed) => listed.matches?.map((match) => match.seq))).toEqual([[3]]);
      expect(storage.checkIntegrity()).toEqual([]);
    } finally {
      storage.close();
    }
    const reopened = SqliteCallStorage.open({ file, onBackgroundError: (error) => failures.push(error) });
    expect(reopened.opening.reindexedSegments).toBe(0);
    reopened.close();
  });
});
