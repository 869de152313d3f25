import { describeExtensionSettingsContract } from '@tnt/server/util-extension-settings/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCallStorage } from './sqlite-call-storage';

const noBackgroundErrors = (error: unknown): never => {
  throw error;
};

describeExtensionSettingsContract('SQLite', async () => {
  const storage = SqliteCallStorage.open({ file: ':memory:', onBackgroundError: noBackgroundErrors });
  return { store: storage.settings, close: async () => storage.close() };
});

describe('SQLite extension settings', () => {
  it('keep their document and version across a restart of the store', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tnt-settings-'));
    try {
      const file = join(folder, 'tnt.sqlite');
      const first = SqliteCallStorage.open({ file, onBackgroundError: noBackgroundErrors });
      await first.settings.put('phrase-alerts.rules', { rules: [{ name: 'refund', phrases: ['refund'] }] }, 0);
      first.close();
      const second = SqliteCallStorage.open({ file, onBackgroundError: noBackgroundErrors });
      expect(await second.settings.get('phrase-alerts.rules')).toEqual({
        version: 1,
        value: { rules: [{ name: 'refund', phrases: ['refund'] }] },
      });
      second.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
