import {
  assertExpectedVersion,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from './extension-settings-store';

/**
 * Settings kept in this process (`TNT_STORE=memory`): lost at a restart, seen by this instance only.
 * Values are copied through JSON in and out, as a database would, so a caller never shares an object
 * with the store.
 */
export class MemoryExtensionSettingsStore implements ExtensionSettingsStore {
  private readonly documents = new Map<string, { readonly version: number; readonly json: string }>();

  async get(key: string): Promise<StoredSetting | undefined> {
    const stored = this.documents.get(key);
    return stored && { version: stored.version, value: JSON.parse(stored.json) };
  }

  async put(key: string, value: unknown, expectedVersion?: number): Promise<StoredSetting> {
    assertExpectedVersion(expectedVersion);
    const current = this.documents.get(key)?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== current) throw new SettingsVersionConflict(key, expectedVersion, current);
    const json = JSON.stringify(value);
    this.documents.set(key, { version: current + 1, json });
    return { version: current + 1, value: JSON.parse(json) };
  }
}
