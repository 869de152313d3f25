import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { ArchiveUnavailableError } from '@tnt/server/util-call-archive';
import { ConfigModule, loadConfig } from '@tnt/server/util-config';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CALL_STORAGE, type CallStorage } from './call-storage';
import { DurableCallEventStore } from './durable-call-event-store';
import { StorageModule } from './storage.module';

async function startWith(env: Record<string, string>) {
  @Module({ imports: [ConfigModule.forRoot(loadConfig(env)), StorageModule] })
  class AppModule {}
  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe('StorageModule', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-storage-module-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps calls in TNT_DATA_DIR/tnt.sqlite by default, and releases the file at shutdown', async () => {
    const app = await startWith({ TNT_DATA_DIR: dataDir });
    const store = app.get<CallStorage>(CALL_STORAGE).eventStore;
    expect(store).toBeInstanceOf(DurableCallEventStore);
    expect(existsSync(join(dataDir, 'tnt.sqlite'))).toBe(true);
    store.createCall({ id: 'c1', agentId: 'a1', startedAt: new Date().toISOString(), status: 'active' });
    store.append({
      type: 'call',
      event: 'started',
      seq: 1,
      call: { id: 'c1', agentId: 'a1', startedAt: new Date().toISOString(), status: 'active' },
    });
    await app.close();

    const again = await startWith({ TNT_DATA_DIR: dataDir });
    const archive = again.get<CallStorage>(CALL_STORAGE).archive;
    expect(await archive.getCall('c1')).toMatchObject({ id: 'c1', status: 'ended', endReason: 'interrupted', lastSeq: 2 });
    await again.close();
  });

  it('keeps nothing on disk with TNT_STORE=memory, and its archive says the history is not kept', async () => {
    const emptyDir = join(dataDir, 'unused');
    const app = await startWith({ TNT_STORE: 'memory', TNT_DATA_DIR: emptyDir });
    const { eventStore, archive } = app.get<CallStorage>(CALL_STORAGE);
    expect(eventStore).toBeInstanceOf(MemoryCallEventStore);
    await expect(archive.listCalls({ limit: 10 })).rejects.toThrow(ArchiveUnavailableError);
    await expect(archive.getCall('c1')).rejects.toThrow(/TNT_STORE=memory/);
    expect(existsSync(emptyDir)).toBe(false);
    await app.close();
  });
});
