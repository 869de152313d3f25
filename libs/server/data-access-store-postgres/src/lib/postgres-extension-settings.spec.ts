import { describeExtensionSettingsContract } from '@tnt/server/util-extension-settings/testing';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { PostgresCallStorage } from './postgres-call-storage';

describeExtensionSettingsContract('PostgreSQL (two instances on one schema)', async () => {
  const schema = randomSchemaName();
  const one = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-a' });
  const two = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'instance-b' });
  return {
    store: one.settings,
    sibling: two.settings,
    close: async () => {
      await one.close();
      await two.close();
      await dropSchema(schema);
    },
  };
});
