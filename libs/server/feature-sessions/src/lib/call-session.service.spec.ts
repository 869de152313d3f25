import type { CallEventMessage, CallInfo, TranscriptSegment } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallSessionService } from './call-session.service';
import type { EventSubscriber } from './event-subscriber';
import { MemoryCallEventStore } from './memory-call-event-store';

class RecordingSubscriber implements EventSubscriber {
  readonly received: CallEventMessage[] = [];
  constructor(readonly id: string, private readonly visibleAgent?: string) {}
  canSee(call: CallInfo): boolean {
    return this.visibleAgent === undefined || call.agentId === this.visibleAgent;
  }
  deliver(json: string): void {
    this.received.push(JSON.parse(json));
  }
}

function finalSegment(id: string): TranscriptSegment {
  return {
    id,
    text: `words of ${id}`,
    speaker: 'agent',
    confidence: 1,
    timestamp: new Date().toISOString(),
    isFinal: true,
    startMs: 0,
    endMs: 10,
    engine: 'scripted',
    simulated: true,
  };
}

function makeService(historySize = 100): CallSessionService {
  const config = { ...loadConfig({}), historySize, endedCallRetentionMs: 60_000 };
  return new CallSessionService(new MemoryCallEventStore(historySize), new LocalCallEventBus(), config, new PrometheusMetrics());
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
    expect(() => service.startCall({ id: 'CA1', agentId: 'a1' })).toThrow(/already exists/);
  });

  it('refuses transcripts for a call that has ended', () => {
    service = makeService();
    const call = service.startCall({ agentId: 'a1' });
    service.endCall(call.id, 'completed');
    expect(() => service.publishTranscript(call.id, finalSegment('late'))).toThrow(/already ended/);
    expect(service.getCall(call.id)).toMatchObject({ status: 'ended', endReason: 'completed', lastSeq: 2 });
  });
});
