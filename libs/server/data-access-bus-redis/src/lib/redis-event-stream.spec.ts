import type { CallEventMessage } from '@tnt/protocol';
import { CallOwnershipLost } from '@tnt/server/util-cluster';
import { randomUUID } from 'node:crypto';
import { callEvent, deleteKeysWithPrefix, RecordingMetrics, transcriptEvent } from '../testing';
import { StreamSeqRefused } from './fenced-appender';
import { RedisEventStream } from './redis-event-stream';
import { eventually } from '@tnt/shared/util-testing/eventually';

const URL = 'redis://127.0.0.1:6379';
const PREFIX = `tnt-test-${randomUUID()}:`;

/** A stream instance and everything it has read, in order. */
interface Instance {
  readonly stream: RedisEventStream;
  readonly received: CallEventMessage[];
  readonly jsons: string[];
}

describe('RedisEventStream', () => {
  const open: RedisEventStream[] = [];
  let prefix: string;
  let testNumber = 0;

  beforeEach(() => {
    prefix = `${PREFIX}${testNumber++}:`;
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((stream) => stream.close()));
  });

  afterAll(() => deleteKeysWithPrefix(URL, PREFIX));

  async function instance(instanceId: string, options: { start?: boolean; metrics?: RecordingMetrics } = {}): Promise<Instance> {
    const stream = new RedisEventStream({ url: URL, keyPrefix: prefix, instanceId, readBlockMs: 200, metrics: options.metrics });
    open.push(stream);
    const received: CallEventMessage[] = [];
    const jsons: string[] = [];
    stream.onEvent((event, json) => {
      received.push(event);
      jsons.push(json);
    });
    if (options.start !== false) await stream.start();
    return { stream, received, jsons };
  }

  const seqsOf = (events: readonly CallEventMessage[], callId: string) =>
    events.filter((event) => (event.type === 'call' ? event.call.id : event.callId) === callId).map((event) => event.seq);

  it("appends a call's burst of events in a few script calls, each event once and in seq order", async () => {
    const metrics = new RecordingMetrics();
    const owner = await instance('owner', { metrics });
    const reader = await instance('reader');
    await owner.stream.claim('burst');
    await owner.stream.publish(callEvent('burst', 1));
    const events = 200;
    await Promise.all(
      Array.from({ length: events - 1 }, (_, index) => owner.stream.publish(transcriptEvent('burst', index + 2, `s${index}`, true))),
    );
    await eventually(() => reader.received.length >= events, `the reader received ${events} events`);
    expect(seqsOf(reader.received, 'burst')).toEqual(Array.from({ length: events }, (_, index) => index + 1));
    expect(metrics.counts.get('tnt_bus_appends_total')).toBe(events);
    // 199 events queued at once go in runs of at most 64 (plus the `started` alone): not one call each.
    expect(metrics.counts.get('tnt_bus_append_calls_total')).toBeLessThanOrEqual(1 + Math.ceil((events - 1) / 64) + 1);
  });

  it('delivers every event of concurrent publishers to three readers in one order, each call in seq order, none lost', async () => {
    const readers = await Promise.all(['reader-1', 'reader-2', 'reader-3'].map((id) => instance(id)));
    const publishers = await Promise.all(['owner-1', 'owner-2', 'owner-3', 'owner-4'].map((id) => instance(id)));
    const perCall = 40;
    const callIds: string[] = [];
    const publishes: Promise<void>[] = [];
    publishers.forEach(({ stream }, publisherIndex) => {
      for (let call = 0; call < 5; call++) {
        const callId = `call-${publisherIndex}-${call}`;
        callIds.push(callId);
        publishes.push(stream.publish(callEvent(callId, 1)));
        for (let seq = 2; seq <= perCall; seq++)
          publishes.push(stream.publish(transcriptEvent(callId, seq, `s${seq >> 1}`, seq % 2 === 1)));
      }
    });
    await Promise.all(publishes);
    const total = callIds.length * perCall;
    await eventually(() => readers.every((reader) => reader.received.length >= total), `three readers received ${total} events`);
    for (const reader of readers) {
      expect(reader.received).toHaveLength(total);
      for (const callId of callIds)
        expect(seqsOf(reader.received, callId)).toEqual(Array.from({ length: perCall }, (_, index) => index + 1));
      expect(reader.jsons).toEqual(readers[0].jsons);
    }
    expect(readers[0].jsons[0]).toBe(JSON.stringify(readers[0].received[0]));
  });

  it('fences the old owner once another instance claims the call: it is refused and nothing it sends reaches readers', async () => {
    const reader = await instance('reader');
    const oldOwner = await instance('old-owner');
    const newOwner = await instance('new-owner');
    await oldOwner.stream.publish(callEvent('call-f', 1));
    await oldOwner.stream.publish(transcriptEvent('call-f', 2, 's1', true, 'before take-over'));

    await expect(newOwner.stream.claim('call-f')).resolves.toBe(2);
    const refused = oldOwner.stream.publish(transcriptEvent('call-f', 3, 's2', true, 'from the fenced owner'));
    await expect(refused).rejects.toBeInstanceOf(CallOwnershipLost);
    await expect(refused).rejects.toMatchObject({ callId: 'call-f', owner: 'new-owner' });
    await newOwner.stream.publish(transcriptEvent('call-f', 3, 's2', true, 'from the new owner'));
    await expect(oldOwner.stream.publish(transcriptEvent('call-f', 4, 's3', true, 'from the fenced owner'))).rejects.toBeInstanceOf(
      CallOwnershipLost,
    );
    await newOwner.stream.publish(callEvent('call-f', 4, 'ended'));

    await eventually(() => reader.received.length >= 4, 'the reader received 4 events');
    expect(seqsOf(reader.received, 'call-f')).toEqual([1, 2, 3, 4]);
    expect(reader.jsons.some((json) => json.includes('from the fenced owner'))).toBe(false);
  });

  it('treats an append of the seq already stored as an idempotent retry: it resolves and appends nothing', async () => {
    const reader = await instance('reader');
    const owner = await instance('owner');
    await owner.stream.publish(callEvent('call-r', 1));
    const final = transcriptEvent('call-r', 2, 's1', true);
    await owner.stream.publish(final);
    await expect(owner.stream.publish(final)).resolves.toBeUndefined();
    await owner.stream.publish(callEvent('call-r', 3, 'ended'));
    await eventually(() => reader.received.length >= 3, 'the reader received 3 events');
    // The ended event is read after the retry would have been: had it been appended, it would show here.
    expect(seqsOf(reader.received, 'call-r')).toEqual([1, 2, 3]);
  });

  it('refuses a seq that does not follow what the owner last appended, and goes on with the next that does', async () => {
    const owner = await instance('owner');
    await owner.stream.publish(callEvent('call-j', 1));
    await owner.stream.publish(transcriptEvent('call-j', 2, 's1', true));
    await expect(owner.stream.publish(transcriptEvent('call-j', 1, 's0', true))).rejects.toBeInstanceOf(StreamSeqRefused);
    await expect(owner.stream.publish(transcriptEvent('call-j', 3, 's2', true))).resolves.toBeUndefined();
  });

  it('continues numbering after a claim from the seq any owner appended, and reports 0 for a call never appended', async () => {
    const first = await instance('first');
    const second = await instance('second');
    await expect(second.stream.claim('call-new')).resolves.toBe(0);
    await first.stream.publish(callEvent('call-c', 1));
    await first.stream.publish(transcriptEvent('call-c', 2, 's1', false));
    await expect(second.stream.claim('call-c')).resolves.toBe(2);
    await expect(second.stream.publish(transcriptEvent('call-c', 3, 's1', true))).resolves.toBeUndefined();
    await expect(first.stream.claim('call-c')).resolves.toBe(3);
    await expect(first.stream.publish(callEvent('call-c', 4, 'ended'))).resolves.toBeUndefined();
  });

  it('starts a reader after the entries already appended: every later one, none earlier, none lost before its first read', async () => {
    const owner = await instance('owner');
    await owner.stream.publish(callEvent('call-s', 1));
    for (let seq = 2; seq <= 20; seq++) await owner.stream.publish(transcriptEvent('call-s', seq, `s${seq}`, true));

    const late = await instance('late-reader', { start: false });
    await late.stream.start();
    // Published right after start resolved, before the first blocking read can be on its way:
    // a reader starting at `$` would miss these.
    const after = Array.from({ length: 10 }, (_, index) => owner.stream.publish(transcriptEvent('call-s', 21 + index, `t${index}`, true)));
    await Promise.all(after);
    await eventually(() => late.received.length >= 10, 'the late reader received 10 events');
    expect(seqsOf(late.received, 'call-s')).toEqual(Array.from({ length: 10 }, (_, index) => 21 + index));
  });

  it('starts from the beginning when the stream does not exist yet', async () => {
    const reader = await instance('reader');
    const owner = await instance('owner');
    await owner.stream.publish(callEvent('call-e', 1));
    await eventually(() => reader.received.length === 1, 'the reader received the first entry ever appended');
    expect(reader.stream.reachable).toBe(true);
  });
});
