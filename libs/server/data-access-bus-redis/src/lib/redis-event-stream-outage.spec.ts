import type { CallEventMessage } from '@tnt/protocol';
import Redis from 'ioredis';
import { callEvent, RecordingMetrics, RedisServerProcess, transcriptEvent } from '../testing';
import type { RedisEventStreamOptions } from './bus-options';
import { RedisEventStream } from './redis-event-stream';
import { eventually } from '@tnt/shared/util-testing/eventually';

const seqsOf = (events: readonly CallEventMessage[]) => events.map((event) => event.seq);

describe('RedisEventStream across a Redis restart', () => {
  let server: RedisServerProcess;
  const open: RedisEventStream[] = [];
  const warnings: string[] = [];
  const infos: string[] = [];
  /** Collects each instance's lines, prefixed with its id. */
  const loggerOf = (instanceId: string) => ({
    log: (line: string) => infos.push(`${instanceId}: ${line}`),
    warn: (line: string) => warnings.push(`${instanceId}: ${line}`),
    error: (line: string) => warnings.push(`${instanceId}: ${line}`),
  });

  beforeEach(async () => {
    server = await RedisServerProcess.start();
    warnings.length = 0;
    infos.length = 0;
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((stream) => stream.close()));
    await server.stop();
  });

  async function instance(instanceId: string, options: Partial<RedisEventStreamOptions> = {}) {
    const stream = new RedisEventStream({
      url: server.url,
      keyPrefix: 'tnt:',
      instanceId,
      readBlockMs: 200,
      watchdogMarginMs: 500,
      reconnectMaxDelayMs: 100,
      logger: loggerOf(instanceId),
      ...options,
    });
    open.push(stream);
    const received: CallEventMessage[] = [];
    stream.onEvent((event) => received.push(event));
    await stream.start();
    return { stream, received };
  }

  it('queues appends while Redis is down, flushes them in order when it is back, and readers resume', async () => {
    const confirmed: string[] = [];
    const confirmOwnership = async (callId: string) => {
      confirmed.push(callId);
      return true;
    };
    const owner = await instance('owner', { confirmOwnership });
    const reader = await instance('reader');
    await owner.stream.publish(callEvent('call-1', 1));
    await owner.stream.publish(transcriptEvent('call-1', 2, 's1', true));
    await eventually(() => reader.received.length === 2, 'the reader received the first two events');

    await server.stop();
    await eventually(() => !owner.stream.reachable && !reader.stream.reachable, 'both instances see Redis unreachable');
    // Resolves once queued: the publisher is not held up by the outage.
    await owner.stream.publish(transcriptEvent('call-1', 3, 's2', false));
    await owner.stream.publish(transcriptEvent('call-1', 4, 's2', true));
    await owner.stream.publish(callEvent('call-1', 5, 'ended'));
    // Logged once per outage by each of the two instances, not once per failed command.
    expect(warnings.filter((line) => line.includes('cannot be reached'))).toHaveLength(2);

    await server.restart();
    await eventually(() => reader.received.length === 5, 'the reader received the flushed events', { timeoutMs: 10_000 });
    expect(seqsOf(reader.received)).toEqual([1, 2, 3, 4, 5]);
    // Redis kept nothing: the call's fencing hash was gone, so the durable log was asked once.
    expect(confirmed).toEqual(['call-1']);
    await eventually(() => owner.stream.reachable && reader.stream.reachable, 'both instances see Redis reachable');
    await eventually(() => infos.some((line) => line.startsWith('owner: ') && line.includes('reachable again')), 'the recovery was logged');
    expect(infos.find((line) => line.startsWith('owner: ') && line.includes('reachable again'))).toContain(
      'flushed 3 queued events, dropped 0',
    );
  }, 20_000);

  it('refuses the queued events of a call the durable log says another instance owns now', async () => {
    const owner = await instance('owner', { confirmOwnership: async () => false });
    const reader = await instance('reader');
    await owner.stream.publish(callEvent('call-2', 1));
    await server.stop();
    await eventually(() => !owner.stream.reachable, 'the owner sees Redis unreachable');
    await owner.stream.publish(transcriptEvent('call-2', 2, 's1', true));
    await server.restart();
    await eventually(() => warnings.some((line) => line.includes('fenced')), 'the owner was fenced');
    await expect(owner.stream.publish(transcriptEvent('call-2', 3, 's2', true))).rejects.toMatchObject({ name: 'CallOwnershipLost' });
    expect(reader.received.filter((event) => event.seq > 1)).toEqual([]);
  }, 20_000);

  it('reports Redis reachable again when the retry of a timed-out append finds the call taken over (nothing left to append)', async () => {
    // An owner paused past its lease: its append times out, another instance claims the call
    // meanwhile, and the retry is fenced. Redis answered it, so the instance must be ready again.
    const owner = await instance('owner', { commandTimeoutMs: 200, reconnectMaxDelayMs: 1000 });
    const taker = await instance('taker');
    await owner.stream.publish(callEvent('call-6', 1));
    const admin = new Redis(server.url);
    try {
      await admin.call('CLIENT', 'PAUSE', '600', 'ALL');
      // Resolves once the append timed out and the event was queued for a retry.
      await owner.stream.publish(transcriptEvent('call-6', 2, 's1', true));
      expect(owner.stream.appendsQueued).toBe(true);
      // Held by the pause too, and run after the owner's timed-out append.
      await taker.stream.claim('call-6');
    } finally {
      admin.disconnect();
    }
    await eventually(() => warnings.some((line) => line.startsWith('owner: ') && line.includes('fenced')), 'the owner was fenced', {
      timeoutMs: 5000,
    });
    expect(owner.stream.appendsQueued).toBe(false);
    expect(owner.stream.reachable).toBe(true);
  }, 20_000);

  it('bounds the queue of a call while Redis is down, dropping superseded interims first and counting the drops', async () => {
    const metrics = new RecordingMetrics();
    const owner = await instance('owner', { maxQueuedPerCall: 5, metrics, confirmOwnership: async () => true });
    const reader = await instance('reader');
    await owner.stream.publish(callEvent('call-3', 1));
    await server.stop();
    // Not just unreachable (the reader connection may notice first): the append connection is down,
    // so no run of this call is on its way and the bound applies to every event below.
    await eventually(() => owner.stream.appendsQueued, 'the owner sees its append connection down');
    const queued = [
      transcriptEvent('call-3', 2, 'z', true),
      transcriptEvent('call-3', 3, 'a', false),
      transcriptEvent('call-3', 4, 'a', false),
      transcriptEvent('call-3', 5, 'a', true),
      transcriptEvent('call-3', 6, 'b', false),
      transcriptEvent('call-3', 7, 'b', true),
      callEvent('call-3', 8, 'ended'),
    ];
    for (const event of queued) await owner.stream.publish(event);
    await server.restart();
    await eventually(() => reader.received.some((event) => event.seq === 8), 'the reader received the ended event', { timeoutMs: 10_000 });
    // 3 and 4 were superseded by a's final (5); b's interim (6) would have been next.
    expect(seqsOf(reader.received)).toEqual([1, 2, 5, 6, 7, 8]);
    expect(metrics.counts.get('tnt_bus_queue_dropped_total{kind=interim}')).toBe(2);
    expect(metrics.counts.get('tnt_bus_reader_gaps_total')).toBe(1);
    expect(metrics.counts.get('tnt_bus_reconnects_total{connection=append}')).toBe(1);
    await eventually(() => infos.some((line) => line.startsWith('owner: ') && line.includes('dropped 2')), 'the drops were logged');
  }, 20_000);

  it('neither loses nor doubles an event when connections are cut mid-append (Redis itself keeps running)', async () => {
    // A bound above what is published, so that no event is dropped by design while the connection is down.
    const owner = await instance('owner', { maxQueuedPerCall: 2000 });
    const reader = await instance('reader');
    const publishes = [owner.stream.publish(callEvent('call-4', 1))];
    for (let seq = 2; seq <= 1000; seq++) publishes.push(owner.stream.publish(transcriptEvent('call-4', seq, `s${seq}`, true)));
    // Cut every client connection while appends are in flight: a cut append may or may not have
    // reached Redis, and its retry must then be the idempotent case, not a second entry.
    await eventually(() => reader.received.length >= 20, 'appends are under way');
    const killer = new Redis(server.url);
    try {
      await killer.call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    } finally {
      killer.disconnect();
    }
    await Promise.all(publishes);
    await eventually(() => reader.received.length >= 1000, 'the reader received all 1000 events', { timeoutMs: 10_000 });
    expect(seqsOf(reader.received)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
  }, 20_000);
});
