import { describeWebhookOutboxContract } from '@tnt/server/util-webhooks/testing';
import { activeCall, started, transcript } from '../testing/call-fixtures';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '../testing/test-database';
import { PostgresCallStorage } from './postgres-call-storage';

// A schema of its own per test, so each starts from an empty outbox.
describeWebhookOutboxContract('PostgreSQL', async () => {
  const schema = randomSchemaName();
  const storage = await PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId: 'outbox-test' });
  return {
    outbox: storage.webhooks,
    storeCall: async (callId, lastSeq) => {
      await storage.log.createCall(activeCall(callId));
      await storage.log.append(started(activeCall(callId)));
      for (let seq = 2; seq <= lastSeq; seq++) await storage.log.append(transcript(callId, seq, `u${seq}`, 'words'));
    },
    close: async () => {
      await storage.close();
      await dropSchema(schema);
    },
  };
});
