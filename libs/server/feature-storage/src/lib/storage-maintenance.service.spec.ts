import { Logger } from '@nestjs/common';
import { loadConfig } from '@tnt/server/util-config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCallStorage, type CallStorage } from './call-storage';
import { StorageMaintenanceService } from './storage-maintenance.service';

const DAY_MS = 86_400_000;

describe('StorageMaintenanceService retention', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-retention-'));
  let storage: CallStorage;
  afterEach(() => {
    storage.close();
    rmSync(join(dataDir, 'tnt.sqlite'), { force: true });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function recordEndedCall(id: string, startedAt: Date): Promise<void> {
    const call = { id, agentId: 'a1', startedAt: startedAt.toISOString(), status: 'active' as const };
    await storage.eventStore.createCall(call);
    await storage.eventStore.append({ type: 'call', event: 'started', seq: 1, call });
    await storage.eventStore.append({
      type: 'call',
      event: 'ended',
      seq: 2,
      call: { ...call, status: 'ended', endedAt: startedAt.toISOString(), endReason: 'completed' },
    });
  }

  it('deletes calls that started more than TNT_RETENTION_DAYS ago and keeps the rest', async () => {
    const config = loadConfig({ TNT_DATA_DIR: dataDir, TNT_RETENTION_DAYS: '30' });
    storage = await openCallStorage(config, new Logger('test'));
    const now = new Date('2026-06-01T00:00:00.000Z');
    await recordEndedCall('two-months-old', new Date(now.getTime() - 60 * DAY_MS));
    await recordEndedCall('thirty-one-days-old', new Date(now.getTime() - 31 * DAY_MS));
    await recordEndedCall('twenty-nine-days-old', new Date(now.getTime() - 29 * DAY_MS));

    const maintenance = new StorageMaintenanceService(storage, config);
    expect(await maintenance.applyRetention(now)).toBe(2);
    const left = await storage.archive.listCalls({ limit: 10 });
    expect(left.calls.map((call) => call.id)).toEqual(['twenty-nine-days-old']);
  });

  it('keeps every call when TNT_RETENTION_DAYS is 0 (the default)', async () => {
    const config = loadConfig({ TNT_DATA_DIR: dataDir });
    storage = await openCallStorage(config, new Logger('test'));
    await recordEndedCall('ten-years-old', new Date(Date.now() - 3650 * DAY_MS));
    const maintenance = new StorageMaintenanceService(storage, config);
    expect(await maintenance.applyRetention()).toBe(0);
    expect((await storage.archive.listCalls({ limit: 10 })).calls).toHaveLength(1);
  });
});
