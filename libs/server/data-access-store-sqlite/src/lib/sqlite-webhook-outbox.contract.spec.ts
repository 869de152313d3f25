import { describeWebhookOutboxContract } from '@tnt/server/util-webhooks/testing';
import { join } from 'node:path';
import { activeCall, started, temporaryFolder, transcript } from '../testing/call-fixtures';
import { SqliteCallStorage } from './sqlite-call-storage';

const folder = temporaryFolder();
let opened = 0;
afterAll(() => folder.remove());

describeWebhookOutboxContract('SQLite', () => {
  const storage = SqliteCallStorage.open({
    file: join(folder.path, `outbox-${++opened}.sqlite`),
    onBackgroundError: (error) => {
      throw error;
    },
  });
  return Promise.resolve({
    outbox: storage.webhooks,
    storeCall: (callId, lastSeq) => {
      storage.log.createCall(activeCall(callId));
      storage.log.append(started(activeCall(callId)));
      for (let seq = 2; seq <= lastSeq; seq++) storage.log.append(transcript(callId, seq, `u${seq}`, 'words'));
      return Promise.resolve();
    },
    close: () => Promise.resolve(storage.close()),
  });
});
