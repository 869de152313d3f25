import { callIdOf, type CallEventMessage } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import { finalSegment, RecordingSubscriber, subscribeLive } from '../testing';

/** An append the store has been asked for and not answered yet. */
interface PendingAppend {
  event: CallEventMessage;
  keep(): void;
  refuse(error: Error): void;
}

/** A memory store whose transcript appends wait until the test keeps or refuses each, in any order. */
class SlowAppendsStore extends MemoryCallEventStore {
  readonly pending: PendingAppend[] = [];
  /** The most appends of one call that were waiting at the same time. */
  mostInFlightOfOneCall = 0;

  override append(event: CallEventMessage): Promise<void> {
    if (event.type !== 'transcript') return super.append(event);
    return new Promise<void>((resolve, reject) => {
      const entry: PendingAppend = {
        event,
        keep: () => {
          this.pending.splice(this.pending.indexOf(entry), 1);
          super.append(event).then(resolve, reject);
        },
        refuse: (error) => {
          this.pending.splice(this.pending.indexOf(entry), 1);
          reject(error);
        },
      };
      this.pending.push(entry);
      const ofThisCall = this.pending.filter((other) => callIdOf(other.event) === callIdOf(event)).length;
      this.mostInFlightOfOneCall = Math.max(this.mostInFlightOfOneCall, ofThisCall);
    });
  }

  /** Resolves once `count` appends are waiting. */
  async appendsAsked(count: number): Promise<void> {
    while (this.pending.length < count) await new Promise((resolve) => setImmediate(resolve));
  }
}

const textsOf = (events: CallEventMessage[], callId: string) =>
  events.flatMap((event) => (event.type === 'transcript' && event.callId === callId ? [[event.seq, event.transcript.id]] : []));

describe("CallSessionService: a call's publications with a slow store", () => {
  let store: SlowAppendsStore;
  let service: CallSessionService;
  let watcher: RecordingSubscriber;

  beforeEach(async () => {
    store = new SlowAppendsStore(100);
    const config = { ...loadConfig({}), historySize: 100, endedCallRetentionMs: 60_000 };
    service = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
    watcher = new RecordingSubscriber('watcher');
    await subscribeLive(service, watcher, '*');
  });
  afterEach(() => service.onModuleDestroy());

  it('stores and sends them one after the other, numbered in order, however the appends of several calls resolve', async () => {
    const calls = [await service.startCall({ id: 'CA-a', agentId: 'a1' }), await service.startCall({ id: 'CA-b', agentId: 'a1' })];
    const published: Promise<void>[] = [];
    for (const word of ['x', 'y', 'z']) for (const call of calls) published.push(service.publishTranscript(call.id, finalSegment(word)));

    // Always the newest waiting append first: call b's before call a's, each call's in the order asked.
    for (let kept = 0; kept < 6; kept++) {
      await store.appendsAsked(1);
      await new Promise((resolve) => setImmediate(resolve));
      store.pending[store.pending.length - 1].keep();
    }
    await Promise.all(published);

    expect(store.mostInFlightOfOneCall).toBe(1);
    for (const call of calls) {
      expect(textsOf(watcher.received, call.id)).toEqual([
        [2, 'x'],
        [3, 'y'],
        [4, 'z'],
      ]);
      expect(await service.getCall(call.id)).toMatchObject({ lastSeq: 4 });
    }
  });

  it('gives the number of a refused append to the next event, so the call has no hole', async () => {
    const call = await service.startCall({ id: 'CA-hole', agentId: 'a1' });
    const x = service.publishTranscript(call.id, finalSegment('x'));
    const y = service.publishTranscript(call.id, finalSegment('y'));
    const z = service.publishTranscript(call.id, finalSegment('z'));

    await store.appendsAsked(1);
    store.pending[0].keep();
    await x;
    await store.appendsAsked(1);
    expect(store.pending[0].event).toMatchObject({ seq: 3, transcript: { id: 'y' } });
    store.pending[0].refuse(new Error('database is locked'));
    await expect(y).rejects.toThrow('database is locked');
    await store.appendsAsked(1);
    store.pending[0].keep();
    await z;
    await service.endCall(call.id, 'completed');

    expect(watcher.received.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(textsOf(watcher.received, call.id)).toEqual([
      [2, 'x'],
      [3, 'z'],
    ]);
    expect(store.eventsSinceNow(call.id, 0)?.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
  });
});

/** A local bus that takes each transcript only when the test says so (a cluster stream's round trip). */
class SlowBus extends LocalCallEventBus {
  readonly taking: { event: CallEventMessage; take(): void }[] = [];

  override publish(event: CallEventMessage): Promise<void> {
    if (event.type !== 'transcript') return super.publish(event);
    // Handed on in the order published, as a stream's append queue does; resolved when taken.
    const handedOn = super.publish(event);
    return new Promise<void>((resolve) => this.taking.push({ event, take: () => void handedOn.then(resolve) }));
  }
}

describe("CallSessionService: a call's publications with a slow bus", () => {
  it('stores the next event while the one before is still on its way, and the bus gets them in seq order', async () => {
    const store = new MemoryCallEventStore(100);
    const bus = new SlowBus();
    const config = { ...loadConfig({}), historySize: 100, endedCallRetentionMs: 60_000 };
    const service = new CallSessionService(store, bus, config, new PrometheusMetrics());
    const watcher = new RecordingSubscriber('watcher');
    await subscribeLive(service, watcher, '*');
    try {
      const call = await service.startCall({ id: 'CA-pipe', agentId: 'a1' });
      let settled = 0;
      const published = ['x', 'y', 'z'].map((word) => service.publishTranscript(call.id, finalSegment(word)).then(() => settled++));

      // A few turns of the event loop, with no bus answering meanwhile.
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      // All three stored and handed on before the bus has taken the first.
      expect(bus.taking.map(({ event }) => event.seq)).toEqual([2, 3, 4]);
      expect(store.eventsSinceNow(call.id, 1)?.map((event) => event.seq)).toEqual([2, 3, 4]);
      expect(settled).toBe(0);
      bus.taking.forEach((entry) => entry.take());
      await Promise.all(published);

      expect(textsOf(watcher.received, call.id)).toEqual([
        [2, 'x'],
        [3, 'y'],
        [4, 'z'],
      ]);
    } finally {
      service.onModuleDestroy();
    }
  });
});
