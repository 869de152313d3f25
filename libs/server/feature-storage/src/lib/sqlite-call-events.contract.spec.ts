import { SqliteCallStorage } from '@tnt/server/data-access-store-sqlite';
import { LocalCallEventBus, MemoryCallEventStore } from '@tnt/server/feature-sessions';
import { describeCallEventsContract } from '@tnt/server/feature-sessions/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableCallEventStore } from './durable-call-event-store';

describeCallEventsContract('SQLite log + local bus', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'tnt-contract-'));
  const sqlite = SqliteCallStorage.open({
    file: join(folder, 'tnt.sqlite'),
    onBackgroundError: (error) => {
      throw error;
    },
  });
  return {
    store: new DurableCallEventStore(new MemoryCallEventStore(1_000), sqlite.log),
    bus: new LocalCallEventBus(),
    close: async () => {
      sqlite.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
});
