import {
  assertExpectedVersion,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from '@tnt/server/util-extension-settings';
import type { SqliteDatabase } from './sqlite-driver';

/**
 * Extensions' settings in the call database's `extension_settings` table (migration 4). A write
 * reads the stored version and writes the next one in one `BEGIN IMMEDIATE` transaction, so no
 * other writer of the file can slip between the check and the write.
 */
export class SqliteExtensionSettings implements ExtensionSettingsStore {
  private readonly write: (key: string, json: string, expectedVersion: number | undefined) => number;

  constructor(private readonly db: SqliteDatabase) {
    const current = db.prepare('SELECT version FROM extension_settings WHERE key = ?').pluck();
    const upsert = db.prepare(
      `INSERT INTO extension_settings (key, version, value, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET version = excluded.version, value = excluded.value, updated_at = excluded.updated_at`,
    );
    const transaction = db.transaction((key: string, json: string, expectedVersion: number | undefined): number => {
      const stored = (current.get(key) as number | undefined) ?? 0;
      if (expectedVersion !== undefined && expectedVersion !== stored) throw new SettingsVersionConflict(key, expectedVersion, stored);
      upsert.run(key, stored + 1, json, new Date().toISOString());
      return stored + 1;
    });
    this.write = (key, json, expectedVersion) => transaction.immediate(key, json, expectedVersion);
  }

  async get(key: string): Promise<StoredSetting | undefined> {
    const row = this.db.prepare('SELECT version, value FROM extension_settings WHERE key = ?').get(key) as
      { version: number; value: string } | undefined;
    return row && { version: row.version, value: JSON.parse(row.value) };
  }

  async put(key: string, value: unknown, expectedVersion?: number): Promise<StoredSetting> {
    assertExpectedVersion(expectedVersion);
    const json = JSON.stringify(value);
    return { version: this.write(key, json, expectedVersion), value: JSON.parse(json) };
  }
}
