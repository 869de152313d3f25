import type { CallEventMessage, CallInfo } from '@tnt/protocol';
import { CallOwnershipLost } from '@tnt/server/util-cluster';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallMovedElsewhere } from './call-session-errors';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import { finalSegment } from '../testing';

/** A memory store fenced from one call on demand, as a cluster store is once another instance owns the call. */
class FencingStore extends MemoryCallEventStore {
  fenced = new Set<string>();

  override append(event: CallEventMessage): Promise<void> {
    const callId = event.type === 'call' ? event.call.id : event.callId;
    if (this.fenced.has(callId)) return Promise.reject(new CallOwnershipLost(callId, 'instance-b'));
    return super.append(event);
  }
}

/** A shared store holding a call another instance owns, whose take-over waits until the test lets it through. */
class TakeOverStore extends MemoryCallEventStore {
  private letThrough: (() => void) | undefined;
  readonly takeOverAsked = new Promise<void>((asked) => (this.onAsked = asked));
  private onAsked: (() => void) | undefined;

  async takeOver(callId: string): Promise<CallInfo | undefined> {
    this.onAsked?.();
    await new Promise<void>((resolve) => (this.letThrough = resolve));
    return this.getCallNow(callId);
  }

  /** Lets the waiting take-over answer. */
  answerTakeOver(): void {
    this.letThrough?.();
  }
}

describe('CallSessionService: a call another instance takes over', () => {
  let store: FencingStore;
  let bus: LocalCallEventBus;
  let service: CallSessionService;
  let lost: string[];

  beforeEach(() => {
    store = new FencingStore(100);
    bus = new LocalCallEventBus();
    service = new CallSessionService(store, bus, { ...loadConfig({}), endedCallRetentionMs: 60_000 }, new PrometheusMetrics());
    lost = [];
    service.onCallLost((callId) => lost.push(callId));
    jest.spyOn(service['logger'], 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    service.onModuleDestroy();
  });

  it('is dropped when the bus brings an event of it numbered above its last one, and its handlers are told once', async () => {
    const call = await service.startCall({ id: 'CA-taken', agentId: 'a1' });
    await service.publishTranscript(call.id, finalSegment('x'));

    await bus.publish({ type: 'call', event: 'updated', seq: 3, call: { ...call, agentId: 'a2' } });
    await bus.publish({ type: 'transcript', callId: call.id, seq: 4, transcript: finalSegment('y') });

    expect(lost).toEqual([call.id]);
    await expect(service.publishTranscript(call.id, finalSegment('z'))).rejects.toThrow(/not known/);
    expect(service.activeCallIds()).toEqual([call.id]);
  });

  it('is dropped when the store refuses a write with CallOwnershipLost, which the writer sees as CallMovedElsewhere', async () => {
    const call = await service.startCall({ id: 'CA-fenced', agentId: 'a1' });
    store.fenced.add(call.id);

    const refused = service.publishTranscript(call.id, finalSegment('x'));
    const queued = service.publishTranscript(call.id, finalSegment('y'));

    await expect(refused).rejects.toBeInstanceOf(CallMovedElsewhere);
    await expect(refused).rejects.toMatchObject({ cause: expect.any(CallOwnershipLost) });
    await expect(queued).rejects.toBeInstanceOf(CallMovedElsewhere);
    expect(lost).toEqual([call.id]);
  });

  it("is not dropped by its former owner's events while this instance is still taking it over", async () => {
    const shared = new TakeOverStore(100);
    const elsewhere: CallInfo = { id: 'CA-reconnected', agentId: 'a1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };
    const started: CallEventMessage = { type: 'call', event: 'started', seq: 1, call: elsewhere };
    const said: CallEventMessage = { type: 'transcript', callId: elsewhere.id, seq: 2, transcript: finalSegment('before') };
    await shared.createCall(elsewhere);
    await shared.append(started);
    service.onModuleDestroy();
    service = new CallSessionService(shared, bus, { ...loadConfig({}), endedCallRetentionMs: 60_000 }, new PrometheusMetrics());
    service.onCallLost((callId) => lost.push(callId));
    await bus.publish(started);

    const taking = service.startCall({ id: elsewhere.id, agentId: 'a1' });
    await shared.takeOverAsked;
    // The former owner's last event, stored and sent before the take-over fenced it.
    await shared.append(said);
    await bus.publish(said);
    shared.answerTakeOver();

    await expect(taking).resolves.toMatchObject({ id: elsewhere.id, status: 'active' });
    expect(lost).toEqual([]);
    await service.publishTranscript(elsewhere.id, finalSegment('after'));
    expect(await service.getCall(elsewhere.id)).toMatchObject({ lastSeq: 4 });
  });
});
