import { Logger } from '@nestjs/common';
import { callIdOf, type CallEventMessage, type CallInfo, type TranscriptSegment } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallAlreadyEnded, CallConflict, StoreUnavailable } from './call-session-errors';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import { finalSegment, RecordingSubscriber, subscribeLive } from '../testing';

/** A memory store whose writes fail on demand, as a full disk or a locked database would. */
class FailingStore extends MemoryCallEventStore {
  failCreate = false;
  /** How many of the next appends fail. */
  failingAppends = 0;

  override createCall(call: CallInfo): Promise<void> {
    if (this.failCreate) return Promise.reject(new Error('disk full'));
    return super.createCall(call);
  }

  override append(event: CallEventMessage): Promise<void> {
    if (this.failingAppends > 0) {
      this.failingAppends--;
      return Promise.reject(new Error('database is locked'));
    }
    return super.append(event);
  }
}

function makeService(historySize = 100, store = new MemoryCallEventStore(historySize)): CallSessionService {
  const config = { ...loadConfig({}), historySize, endedCallRetentionMs: 60_000 };
  return new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
}

describe('CallSessionService', () => {
  let service: CallSessionService;
  afterEach(() => service.onModuleDestroy());

  it('numbers every event of a call from 1 without gaps', async () => {
    service = makeService();
    const watcher = new RecordingSubscriber('w');
    await subscribeLive(service, watcher, '*');
    const call = await service.startCall({ agentId: 'a1' });
    await service.publishTranscript(call.id, finalSegment('x'));
    await service.endCall(call.id, 'completed');
    expect(watcher.received.map((event) => [event.type, event.seq])).toEqual([
      ['call', 1],
      ['transcript', 2],
      ['call', 3],
    ]);
  });

  it('delivers once to a subscriber of both the call and the whole feed', async () => {
    service = makeService();
    const both = new RecordingSubscriber('both');
    const call = await service.startCall({ agentId: 'a1' });
    await subscribeLive(service, both, '*');
    await subscribeLive(service, both, call.id);
    await service.publishTranscript(call.id, finalSegment('x'));
    expect(both.received).toHaveLength(1);
  });

  it('replays missed events on subscribe with since, then continues live', async () => {
    service = makeService();
    const call = await service.startCall({ agentId: 'a1' });
    await service.publishTranscript(call.id, finalSegment('x'));
    await service.publishTranscript(call.id, finalSegment('y'));
    const late = new RecordingSubscriber('late');
    const start = await subscribeLive(service, late, call.id, 1);
    expect(start.acknowledgement).toMatchObject({ recovered: true, lastSeq: 3 });
    expect(start.catchUp.map((event) => event.seq)).toEqual([2, 3]);
    await service.publishTranscript(call.id, finalSegment('z'));
    expect(late.received.map((event) => event.seq)).toEqual([4]);
  });

  it('answers with recovered false and a snapshot when history is too short', async () => {
    service = makeService(2);
    const call = await service.startCall({ agentId: 'a1' });
    for (const id of ['x', 'y', 'z']) await service.publishTranscript(call.id, finalSegment(id));
    const start = await service.subscribe(new RecordingSubscriber('late'), call.id, 1);
    expect(start.acknowledgement.recovered).toBe(false);
    expect(start.catchUp).toHaveLength(1);
    expect(start.catchUp[0]).toMatchObject({ type: 'snapshot', seq: 4 });
    expect((start.catchUp[0] as { transcript: TranscriptSegment[] }).transcript.map((part) => part.id)).toEqual(['x', 'y', 'z']);
  });

  it('hides calls a subscriber may not see, on the feed and on direct subscribe', async () => {
    service = makeService();
    const agentOne = new RecordingSubscriber('agent-one', 'a1');
    await subscribeLive(service, agentOne, '*');
    const mine = await service.startCall({ agentId: 'a1' });
    const theirs = await service.startCall({ agentId: 'a2' });
    await service.publishTranscript(theirs.id, finalSegment('secret'));
    await service.publishTranscript(mine.id, finalSegment('mine'));
    expect(agentOne.received.every((event) => event.type !== 'transcript' || event.callId === mine.id)).toBe(true);
    await expect(service.subscribe(agentOne, theirs.id)).rejects.toThrow(/not known/);
  });

  it('rejects unsubscribe from something not subscribed and a second call with the same id', async () => {
    service = makeService();
    const call = await service.startCall({ id: 'CA1', agentId: 'a1' });
    expect(() => service.unsubscribe(new RecordingSubscriber('s'), call.id)).toThrow(/not subscribed/);
    await expect(service.startCall({ id: 'CA1', agentId: 'a1' })).rejects.toThrow(CallConflict);
  });

  it('refuses transcripts for a call that has ended', async () => {
    service = makeService();
    const call = await service.startCall({ agentId: 'a1' });
    await service.endCall(call.id, 'completed');
    await expect(service.publishTranscript(call.id, finalSegment('late'))).rejects.toThrow(CallAlreadyEnded);
    expect(await service.getCall(call.id)).toMatchObject({ status: 'ended', endReason: 'completed', lastSeq: 2 });
  });

  describe('a start the store refuses', () => {
    let loggedErrors: jest.SpyInstance;
    beforeEach(() => (loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
    afterEach(() => loggedErrors.mockRestore());

    it('keeps nothing and throws StoreUnavailable when the call cannot be created', async () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      const watcher = new RecordingSubscriber('w');
      await subscribeLive(service, watcher, '*');
      store.failCreate = true;
      await expect(service.startCall({ id: 'CA-create', agentId: 'a1' })).rejects.toThrow(StoreUnavailable);
      expect(await service.getCall('CA-create')).toBeUndefined();
      expect(service.activeCallIds()).toEqual([]);
      expect(watcher.received).toEqual([]);
      store.failCreate = false;
      expect((await service.startCall({ id: 'CA-create', agentId: 'a1' })).status).toBe('active');
    });

    it('ends the call with reason store-unavailable when its started event cannot be stored', async () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      const watcher = new RecordingSubscriber('w');
      await subscribeLive(service, watcher, '*');
      store.failingAppends = 1;
      const thrown = await service.startCall({ id: 'CA-start', agentId: 'a1' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(thrown).toBeInstanceOf(StoreUnavailable);
      expect((thrown as StoreUnavailable).cause).toEqual(new Error('database is locked'));
      expect(await service.getCall('CA-start')).toMatchObject({ status: 'ended', endReason: 'store-unavailable', lastSeq: 1 });
      expect(service.activeCallIds()).toEqual([]);
      expect(watcher.received.map((event) => [event.type, event.seq, callIdOf(event)])).toEqual([['call', 1, 'CA-start']]);
      expect(watcher.received[0]).toMatchObject({ event: 'ended' });
      const logged = String(loggedErrors.mock.calls[0]?.[0]);
      expect(logged).toMatch(/^call CA-start: storing its start failed, ending it: Error: database is locked/);
    });

    it('forgets the call when the store refuses its end too, so no one lists it as active', async () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      store.failingAppends = 2;
      await expect(service.startCall({ id: 'CA-broken', agentId: 'a1' })).rejects.toThrow(StoreUnavailable);
      expect(await service.getCall('CA-broken')).toBeUndefined();
      expect(await service.listCalls()).toEqual([]);
      expect((await service.startCall({ id: 'CA-broken', agentId: 'a1' })).status).toBe('active');
    });
  });
});
