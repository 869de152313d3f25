import type { CallInfo } from '@tnt/protocol';
import { describeWebhookOutboxContract } from '../testing';
import { MemoryWebhookOutbox } from './memory-webhook-outbox';

describeWebhookOutboxContract('memory', () => {
  // Newest first, as a memory call store lists its calls.
  const calls: CallInfo[] = [];
  return Promise.resolve({
    outbox: new MemoryWebhookOutbox(() => Promise.resolve([...calls])),
    storeCall: (callId, lastSeq) => {
      calls.unshift({ id: callId, agentId: 'agent-1', startedAt: new Date(0).toISOString(), status: 'active', lastSeq });
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  });
});
