import {
  assertExpectedVersion,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from '@tnt/server/util-extension-settings';
import type { Pool } from 'pg';
import type { SchemaObjects } from './schema-objects';

/**
 * Extensions' settings in the shared `extension_settings` table (migration 5), read by every
 * instance. Each write is one statement whose condition is the version (an insert that does nothing
 * when the key exists, an update `WHERE version = $expected`), so PostgreSQL's row lock decides
 * between instances writing at once: one gets the row back, the others none, and those are refused.
 */
export class PostgresExtensionSettings implements ExtensionSettingsStore {
  constructor(
    private readonly pool: Pool,
    private readonly objects: SchemaObjects,
  ) {}

  async get(key: string): Promise<StoredSetting | undefined> {
    const result = await this.pool.query<{ version: number; value: unknown }>(
      `SELECT version, value FROM ${this.objects.extensionSettings} WHERE key = $1`,
      [key],
    );
    return result.rows[0] && { version: result.rows[0].version, value: result.rows[0].value };
  }

  async put(key: string, value: unknown, expectedVersion?: number): Promise<StoredSetting> {
    assertExpectedVersion(expectedVersion);
    // Passed as text and cast: the driver would turn a JavaScript array into a PostgreSQL array.
    const json = JSON.stringify(value);
    const table = this.objects.extensionSettings;
    const sql =
      expectedVersion === undefined
        ? `INSERT INTO ${table} (key, version, value) VALUES ($1, 1, $2::jsonb)
           ON CONFLICT (key) DO UPDATE SET version = ${table}.version + 1, value = excluded.value, updated_at = now()
           RETURNING version, value`
        : expectedVersion === 0
          ? `INSERT INTO ${table} (key, version, value) VALUES ($1, 1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING version, value`
          : `UPDATE ${table} SET version = version + 1, value = $2::jsonb, updated_at = now()
             WHERE key = $1 AND version = $3 RETURNING version, value`;
    const parameters = expectedVersion === undefined || expectedVersion === 0 ? [key, json] : [key, json, expectedVersion];
    const written = await this.pool.query<{ version: number; value: unknown }>(sql, parameters);
    if (written.rows[0]) return { version: written.rows[0].version, value: written.rows[0].value };
    const current = (await this.get(key))?.version ?? 0;
    throw new SettingsVersionConflict(key, expectedVersion as number, current);
  }
}
