import { Logger } from '@nestjs/common';
import { callIdOf, type CallEventMessage, type CallInfo, type TranscriptSegment } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallAlreadyEnded, CallConflict, StoreUnavailable } from './call-session-errors';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import { finalSegment, RecordingSubscriber } from '../testing';

/** A memory store whose writes fail on demand, as a full disk or a locked database would. */
class FailingStore extends MemoryCallEventStore {
  failCreate = false;
  /** How many of the next appends fail. */
  failingAppends = 0;

  override createCall(call: CallInfo): void {
    if (this.failCreate) throw new Error('disk full');
    super.createCall(call);
  }

  override append(event: CallEventMessage): void {
    if (this.failingAppends > 0) {
      this.failingAppends--;
      throw new Error('database is locked');
    }
    super.append(event);
  }
}

function makeService(historySize = 100, store = new MemoryCallEventStore(historySize)): CallSessionService {
  const config = { ...loadConfig({}), historySize, endedCallRetentionMs: 60_000 };
  return new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
}

describe('CallSessionService', () => {
  let service: CallSessionService;
  afterEach(() => service.onModuleDestroy());

  it('numbers every event of a call from 1 without gaps', () => {
    service = makeService();
    const watcher = new RecordingSubscriber('w');
    service.subscribe(watcher, '*');
    const call = service.startCall({ agentId: 'a1' });
    service.publishTranscript(call.id, finalSegment('x'));
    service.endCall(call.id, 'completed');
    expect(watcher.received.map((event) => [event.type, event.seq])).toEqual([
      ['call', 1],
      ['transcript', 2],
      ['call', 3],
    ]);
  });

  it('delivers once to a subscriber of both the call and the whole feed', () => {
    service = makeService();
    const both = new RecordingSubscriber('both');
    const call = service.startCall({ agentId: 'a1' });
    service.subscribe(both, '*');
    service.subscribe(both, call.id);
    service.publishTranscript(call.id, finalSegment('x'));
    expect(both.received).toHaveLength(1);
  });

  it('replays missed events on subscribe with since, then continues live', () => {
    service = makeService();
    const call = service.startCall({ agentId: 'a1' });
    service.publishTranscript(call.id, finalSegment('x'));
    service.publishTranscript(call.id, finalSegment('y'));
    const late = new RecordingSubscriber('late');
    const start = service.subscribe(late, call.id, 1);
    expect(start.acknowledgement).toMatchObject({ recovered: true, lastSeq: 3 });
    expect(start.catchUp.map((event) => event.seq)).toEqual([2, 3]);
    service.publishTranscript(call.id, finalSegment('z'));
    expect(late.received.map((event) => event.seq)).toEqual([4]);
  });

  it('answers with recovered false and a snapshot when history is too short', () => {
    service = makeService(2);
    const call = service.startCall({ agentId: 'a1' });
    for (const id of ['x', 'y', 'z']) service.publishTranscript(call.id, finalSegment(id));
    const start = service.subscribe(new RecordingSubscriber('late'), call.id, 1);
    expect(start.acknowledgement.recovered).toBe(false);
    expect(start.catchUp).toHaveLength(1);
    expect(start.catchUp[0]).toMatchObject({ type: 'snapshot', seq: 4 });
    expect((start.catchUp[0] as { transcript: TranscriptSegment[] }).transcript.map((part) => part.id)).toEqual(['x', 'y', 'z']);
  });

  it('hides calls a subscriber may not see, on the feed and on direct subscribe', () => {
    service = makeService();
    const agentOne = new RecordingSubscriber('agent-one', 'a1');
    service.subscribe(agentOne, '*');
    const mine = service.startCall({ agentId: 'a1' });
    const theirs = service.startCall({ agentId: 'a2' });
    service.publishTranscript(theirs.id, finalSegment('secret'));
    service.publishTranscript(mine.id, finalSegment('mine'));
    expect(agentOne.received.every((event) => event.type !== 'transcript' || event.callId === mine.id)).toBe(true);
    expect(() => service.subscribe(agentOne, theirs.id)).toThrow(/not known/);
  });

  it('rejects unsubscribe from something not subscribed and a second call with the same id', () => {
    service = makeService();
    const call = service.startCall({ id: 'CA1', agentId: 'a1' });
    expect(() => service.unsubscribe(new RecordingSubscriber('s'), call.id)).toThrow(/not subscribed/);
    expect(() => service.startCall({ id: 'CA1', agentId: 'a1' })).toThrow(CallConflict);
  });

  it('refuses transcripts for a call that has ended', () => {
    service = makeService();
    const call = service.startCall({ agentId: 'a1' });
    service.endCall(call.id, 'completed');
    expect(() => service.publishTranscript(call.id, finalSegment('late'))).toThrow(CallAlreadyEnded);
    expect(service.getCall(call.id)).toMatchObject({ status: 'ended', endReason: 'completed', lastSeq: 2 });
  });

  describe('a start the store refuses', () => {
    let loggedErrors: jest.SpyInstance;
    beforeEach(() => (loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined)));
    afterEach(() => loggedErrors.mockRestore());

    it('keeps nothing and throws StoreUnavailable when the call cannot be created', () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      const watcher = new RecordingSubscriber('w');
      service.subscribe(watcher, '*');
      store.failCreate = true;
      expect(() => service.startCall({ id: 'CA-create', agentId: 'a1' })).toThrow(StoreUnavailable);
      expect(service.getCall('CA-create')).toBeUndefined();
      expect(service.activeCallIds()).toEqual([]);
      expect(watcher.received).toEqual([]);
      store.failCreate = false;
      expect(service.startCall({ id: 'CA-create', agentId: 'a1' }).status).toBe('active');
    });

    it('ends the call with reason store-unavailable when its started event cannot be stored', () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      const watcher = new RecordingSubscriber('w');
      service.subscribe(watcher, '*');
      store.failingAppends = 1;
      const thrown = catchError(() => service.startCall({ id: 'CA-start', agentId: 'a1' }));
      expect(thrown).toBeInstanceOf(StoreUnavailable);
      expect((thrown as StoreUnavailable).cause).toEqual(new Error('database is locked'));
      expect(service.getCall('CA-start')).toMatchObject({ status: 'ended', endReason: 'store-unavailable', lastSeq: 1 });
      expect(service.activeCallIds()).toEqual([]);
      expect(watcher.received.map((event) => [event.type, event.seq, callIdOf(event)])).toEqual([['call', 1, 'CA-start']]);
      expect(watcher.received[0]).toMatchObject({ event: 'ended' });
      const logged = String(loggedErrors.mock.calls[0]?.[0]);
      expect(logged).toMatch(/^call CA-start: storing its start failed, ending it: Error: database is locked/);
    });

    it('forgets the call when the store refuses its end too, so no one lists it as active', () => {
      const store = new FailingStore(100);
      service = makeService(100, store);
      store.failingAppends = 2;
      expect(() => service.startCall({ id: 'CA-broken', agentId: 'a1' })).toThrow(StoreUnavailable);
      expect(service.getCall('CA-broken')).toBeUndefined();
      expect(service.listCalls()).toEqual([]);
      expect(service.startCall({ id: 'CA-broken', agentId: 'a1' }).status).toBe('active');
    });
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
