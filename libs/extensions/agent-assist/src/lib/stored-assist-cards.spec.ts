import { Logger } from '@nestjs/common';
import type { AssistCard } from '@tnt/protocol';
import { PostgresCallStorage } from '@tnt/server/data-access-store-postgres';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { SqliteCallStorage } from '@tnt/server/data-access-store-sqlite';
import { SettingsVersionConflict, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { StoredSettingsInstance } from '@tnt/server/util-extension-settings/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssistCardSet } from './assist-card-set';
import { ASSIST_CARDS_KEY, StoredAssistCards } from './stored-assist-cards';

const refunds: AssistCard = { id: 'refunds', title: 'Refunds', body: 'Refunds take 5 days.', phrases: ['refund'] };
const late: AssistCard = { id: 'late-parcel', title: 'Late parcel', body: 'Check the tracking.', phrases: ['has not arrived'] };

/** One gateway instance's cards (`inForce`) and their `stored` provider, on its own connection to the shared store. */
const newInstance = (store: ExtensionSettingsStore, seeded: readonly AssistCard[] | null) =>
  new StoredSettingsInstance(
    new AssistCardSet(),
    'tnt_assist_cards',
    (cardSet, metrics, timer) => new StoredAssistCards(cardSet, store, seeded, metrics, timer, 2_000),
  );

/** Two connections to one store (two instances of a cluster), closed by `close`. */
interface SharedStore {
  readonly one: ExtensionSettingsStore;
  readonly two: ExtensionSettingsStore;
  close(): Promise<void>;
}

const noBackgroundErrors = (error: unknown): never => {
  throw error;
};

describe.each([
  [
    'SQLite',
    async (): Promise<SharedStore> => {
      // One file is opened by one process at a time, so the two instances share its connection.
      const storage = SqliteCallStorage.open({ file: ':memory:', onBackgroundError: noBackgroundErrors });
      return { one: storage.settings, two: storage.settings, close: async () => storage.close() };
    },
  ],
  [
    'PostgreSQL (own schema, two connections)',
    async (): Promise<SharedStore> => {
      const schema = randomSchemaName();
      const one = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-a' });
      const two = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-b' });
      return {
        one: one.settings,
        two: two.settings,
        close: async () => {
          await one.close();
          await two.close();
          await dropSchema(schema);
        },
      };
    },
  ],
])('StoredAssistCards on %s', (_name, openStore) => {
  let store: SharedStore;
  let warnings: jest.SpyInstance;
  let errors: jest.SpyInstance;
  let logs: jest.SpyInstance;

  beforeEach(async () => {
    store = await openStore();
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logs = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await store.close();
  });

  it('seeds an empty store from the file once when two instances start at once, and both use version 1', async () => {
    const instances = [newInstance(store.one, [refunds]), newInstance(store.two, [refunds])];
    await Promise.all(instances.map((instance) => instance.stored.onModuleInit()));
    expect(await store.one.get(ASSIST_CARDS_KEY)).toEqual({ version: 1, value: { cards: [refunds] } });
    expect(instances.map((instance) => [instance.inForce.version, instance.inForce.matchers.map((m) => m.card.id)])).toEqual([
      [1, ['refunds']],
      [1, ['refunds']],
    ]);
    expect(logs).toHaveBeenCalledWith('agent assist: version 1, 1 card(s): refunds');
  });

  it('keeps the stored cards over a file that changed since, and says so', async () => {
    await store.one.put(ASSIST_CARDS_KEY, { cards: [late] }, 0);
    const instance = newInstance(store.two, [refunds]);
    await instance.stored.onModuleInit();
    expect(instance.inForce.cards).toEqual([late]);
    expect((await store.one.get(ASSIST_CARDS_KEY))?.version).toBe(1);
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/TNT_ASSIST_CARDS_FILE differs from the stored cards \(version 1\)/));
  });

  it('puts a card saved on one instance in force on the other at its next reload', async () => {
    const editor = newInstance(store.one, [refunds]);
    const other = newInstance(store.two, [refunds]);
    await editor.stored.onModuleInit();
    await other.stored.onModuleInit();

    expect(await editor.stored.save([refunds, late], 1)).toEqual({ cards: [refunds, late], version: 2 });
    expect(other.inForce.version).toBe(1);
    await other.tick();
    expect(other.inForce.version).toBe(2);
    expect(other.inForce.matchers.map((matcher) => matcher.card.id)).toEqual(['refunds', 'late-parcel']);
  });

  it('refuses a save over a version someone else saved since, changing nothing', async () => {
    const first = newInstance(store.one, [refunds]);
    const second = newInstance(store.two, [refunds]);
    await first.stored.onModuleInit();
    await second.stored.onModuleInit();
    await first.stored.save([late], 1);

    await expect(second.stored.save([refunds, late], 1)).rejects.toEqual(expect.any(SettingsVersionConflict));
    expect(await store.two.get(ASSIST_CARDS_KEY)).toEqual({ version: 2, value: { cards: [late] } });
    expect(await second.stored.current()).toEqual({ cards: [late], version: 2 });
  });

  it('keeps the cards in force when the stored ones do not validate, counting each failed reload and logging once', async () => {
    const instance = newInstance(store.one, [refunds]);
    await instance.stored.onModuleInit();
    await store.two.put(ASSIST_CARDS_KEY, { cards: [refunds, refunds] });

    await instance.tick();
    await instance.tick();
    expect(instance.inForce.cards).toEqual([refunds]);
    expect(instance.inForce.version).toBe(1);
    expect(await instance.failures()).toBe('2');
    expect(errors).toHaveBeenCalledTimes(1);
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/could not reload the assist cards \(.*two cards of id "refunds"\); version 1 stays/),
    );
  });
});

describe('StoredAssistCards on a SQLite file', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('keeps edited cards across a restart, without seeding from the file again', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tnt-cards-'));
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const file = join(folder, 'tnt.sqlite');
      const first = SqliteCallStorage.open({ file, onBackgroundError: noBackgroundErrors });
      const before = newInstance(first.settings, [refunds]);
      await before.stored.onModuleInit();
      await before.stored.save([late], 1);
      before.stored.onModuleDestroy();
      first.close();

      const second = SqliteCallStorage.open({ file, onBackgroundError: noBackgroundErrors });
      const after = newInstance(second.settings, [refunds]);
      await after.stored.onModuleInit();
      expect(await after.stored.current()).toEqual({ cards: [late], version: 2 });
      after.stored.onModuleDestroy();
      second.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
