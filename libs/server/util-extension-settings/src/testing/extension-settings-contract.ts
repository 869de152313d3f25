import { SettingsVersionConflict, type ExtensionSettingsStore } from '../lib/extension-settings-store';

/** A settings store to run the contract on, opened fresh (empty) for each test. */
export interface ExtensionSettingsUnderTest {
  readonly store: ExtensionSettingsStore;
  /** Another handle on the same storage (another connection pool, another process's view), when there can be one. */
  readonly sibling?: ExtensionSettingsStore;
  close(): Promise<void>;
}

/**
 * The contract every {@link ExtensionSettingsStore} keeps: memory, SQLite and PostgreSQL each run it.
 */
export function describeExtensionSettingsContract(name: string, open: () => Promise<ExtensionSettingsUnderTest>): void {
  describe(`${name}: the extension-settings contract`, () => {
    let under: ExtensionSettingsUnderTest;
    let store: ExtensionSettingsStore;

    beforeEach(async () => {
      under = await open();
      store = under.store;
    });
    afterEach(() => under.close());

    it('has nothing under a key never written', async () => {
      expect(await store.get('phrase-alerts.rules')).toBeUndefined();
    });

    it('keeps a document as JSON, at version 1 after its first write', async () => {
      const value = { rules: [{ name: 'cancellation', phrases: ['cancel my subscription', 'résilier'], severity: 'critical' }], n: 0.5 };
      expect(await store.put('phrase-alerts.rules', value)).toEqual({ version: 1, value });
      expect(await store.get('phrase-alerts.rules')).toEqual({ version: 1, value });
    });

    it('writes over the version read and counts up', async () => {
      await store.put('k', ['first']);
      expect(await store.put('k', ['second'], 1)).toEqual({ version: 2, value: ['second'] });
      expect(await store.put('k', ['third'], 2)).toEqual({ version: 3, value: ['third'] });
      expect(await store.get('k')).toEqual({ version: 3, value: ['third'] });
    });

    it('refuses a write over a stale version, naming the version stored, and keeps what was there', async () => {
      await store.put('k', 'a');
      await store.put('k', 'b', 1);
      const refused = await store.put('k', 'stale', 1).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(SettingsVersionConflict);
      expect(refused).toMatchObject({ key: 'k', expectedVersion: 1, currentVersion: 2 });
      expect(await store.get('k')).toEqual({ version: 2, value: 'b' });
    });

    it('writes with expected version 0 only when nothing is stored', async () => {
      expect(await store.put('k', 'seed', 0)).toEqual({ version: 1, value: 'seed' });
      await expect(store.put('k', 'seed again', 0)).rejects.toMatchObject({ currentVersion: 1 });
      await expect(store.put('other', 'x', 3)).rejects.toMatchObject({ key: 'other', currentVersion: 0 });
    });

    it('lets exactly one of several concurrent writers of the same version win', async () => {
      const writers = await Promise.allSettled([0, 1, 2, 3, 4].map((writer) => store.put('seeded', { writer }, 0)));
      expect(writers.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      for (const result of writers) if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(SettingsVersionConflict);
      expect((await store.get('seeded'))?.version).toBe(1);
    });

    it('keeps each key apart', async () => {
      await store.put('phrase-alerts.rules', 1);
      await store.put('assist.cards', 2);
      await store.put('assist.cards', 3, 1);
      expect(await store.get('phrase-alerts.rules')).toEqual({ version: 1, value: 1 });
      expect(await store.get('assist.cards')).toEqual({ version: 2, value: 3 });
    });

    it('never hands out an object the store keeps', async () => {
      const value = { list: [1] };
      await store.put('k', value);
      value.list.push(2);
      const read = await store.get('k');
      (read?.value as { list: number[] }).list.push(3);
      expect(await store.get('k')).toEqual({ version: 1, value: { list: [1] } });
    });

    it('refuses an expected version that cannot be one', async () => {
      await expect(store.put('k', 1, -1)).rejects.toThrow(/whole number ≥ 0; got -1/);
      await expect(store.put('k', 1, 1.5)).rejects.toThrow(/got 1.5/);
      expect(await store.get('k')).toBeUndefined();
    });

    it('shows a write to every handle on the same storage, and refuses their stale writes', async () => {
      const sibling = under.sibling;
      if (!sibling) return;
      await store.put('k', 'from one', 0);
      expect(await sibling.get('k')).toEqual({ version: 1, value: 'from one' });
      await sibling.put('k', 'from two', 1);
      await expect(store.put('k', 'late', 1)).rejects.toBeInstanceOf(SettingsVersionConflict);
      expect(await store.get('k')).toEqual({ version: 2, value: 'from two' });
    });
  });
}
