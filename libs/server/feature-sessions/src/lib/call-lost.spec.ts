import type { CallEventMessage } from '@tnt/protocol';
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
});
