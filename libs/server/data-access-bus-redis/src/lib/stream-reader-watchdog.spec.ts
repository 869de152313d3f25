import type { CallEventMessage } from '@tnt/protocol';
import { randomUUID } from 'node:crypto';
import { callEvent, deleteKeysWithPrefix, ManualTimers } from '../testing';
import { RedisEventStream } from './redis-event-stream';
import { eventually } from '@tnt/shared/util-testing/eventually';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `tnt-test-${randomUUID()}:`;

describe('StreamReader watchdog', () => {
  afterAll(() => deleteKeysWithPrefix(URL, PREFIX));

  it('replaces the read connection when a blocking read outlives its block time plus margin, and reads on from the last id', async () => {
    const timers = new ManualTimers();
    const warnings: string[] = [];
    const logger = { log: () => undefined, warn: (line: string) => warnings.push(line), error: (line: string) => warnings.push(line) };
    // A block far longer than the test: the only way this read ends is the watchdog (its timers are ours).
    const reader = new RedisEventStream({ url: URL, keyPrefix: PREFIX, instanceId: 'reader', readBlockMs: 60_000, timers, logger });
    const owner = new RedisEventStream({ url: URL, keyPrefix: PREFIX, instanceId: 'owner', logger });
    const received: CallEventMessage[] = [];
    reader.onEvent((event) => received.push(event));
    try {
      await reader.start();
      await owner.start();
      await owner.publish(callEvent('call-w', 1));
      await eventually(() => received.length === 1, 'the first event was read');
      await eventually(() => timers.size === 1, 'the next blocking read is watched');

      timers.advance(60_000 + 2000);
      expect(warnings.some((line) => line.includes('had not returned'))).toBe(true);
      await owner.publish(callEvent('call-w', 2, 'ended'));
      await eventually(() => received.length === 2, 'the event after the watchdog fired was read on the new connection');
      expect(received.map((event) => event.seq)).toEqual([1, 2]);
    } finally {
      await Promise.all([reader.close(), owner.close()]);
    }
  });
});
