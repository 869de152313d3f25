import { join } from 'node:path';
import { activeCall, ended, started, temporaryFolder, transcript } from '../testing/call-fixtures';
import { SqliteCallStorage } from './sqlite-call-storage';

describe('retention of the SQLite store', () => {
  const folder = temporaryFolder();
  let storage: SqliteCallStorage;

  beforeEach(() => {
    folder.remove();
    storage = SqliteCallStorage.open({
      file: join(folder.path, 'calls.sqlite'),
      onBackgroundError: (error) => {
        throw error;
      },
    });
  });
  afterEach(() => storage.close());
  afterAll(() => folder.remove());

  function record(id: string, startedAt: string, open = false): void {
    const call = activeCall(id, 'agent-1', startedAt);
    storage.log.createCall(call);
    storage.log.append(started(call));
    storage.log.append(transcript(id, 2, 'u1', `invoice question number ${id}`));
    if (!open) storage.log.append(ended(call, 3));
  }

  it('deletes ended calls that started before the cutoff, with their segments and search entries', async () => {
    record('old-1', '2026-01-01T00:00:00.000Z');
    record('old-2', '2026-01-02T00:00:00.000Z');
    record('old-but-live', '2026-01-03T00:00:00.000Z', true);
    record('recent', '2026-02-01T00:00:00.000Z');

    expect(storage.deleteEndedCallsStartedBefore(new Date('2026-01-15T00:00:00.000Z'), 100)).toBe(2);

    const remaining = await storage.archive.listCalls({ limit: 10 });
    expect(remaining.calls.map((call) => call.id)).toEqual(['recent', 'old-but-live']);
    expect(await storage.archive.transcript('old-1')).toBeUndefined();
    expect(storage.log.eventsAfter('old-1', 0)).toBeUndefined();
    const found = await storage.archive.listCalls({ limit: 10, text: 'invoice' });
    expect(found.calls.map((call) => call.id)).toEqual(['recent', 'old-but-live']);
    expect(storage.checkIntegrity()).toEqual([]);
  });

  it('deletes at most the given number of calls per run, oldest first', async () => {
    for (let day = 1; day <= 5; day++) record(`day-${day}`, `2026-01-0${day}T00:00:00.000Z`);
    const cutoff = new Date('2026-02-01T00:00:00.000Z');
    expect(storage.deleteEndedCallsStartedBefore(cutoff, 2)).toBe(2);
    expect((await storage.archive.listCalls({ limit: 10 })).calls.map((call) => call.id)).toEqual(['day-5', 'day-4', 'day-3']);
    expect(storage.deleteEndedCallsStartedBefore(cutoff, 2)).toBe(2);
    expect(storage.deleteEndedCallsStartedBefore(cutoff, 2)).toBe(1);
    expect(storage.deleteEndedCallsStartedBefore(cutoff, 2)).toBe(0);
  });
});
