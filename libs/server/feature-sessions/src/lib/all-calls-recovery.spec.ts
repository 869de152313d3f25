import type { CallEventMessage, ServerMessage, SnapshotMessage } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallSessionService } from './call-session.service';
import { MemoryCallEventStore } from './memory-call-event-store';
import { finalSegment, RecordingSubscriber, subscribeLive } from '../testing';

function makeService(historySize: number): CallSessionService {
  const config = { ...loadConfig({}), historySize, endedCallRetentionMs: 60_000 };
  return new CallSessionService(new MemoryCallEventStore(historySize), new LocalCallEventBus(), config, new PrometheusMetrics());
}

const seqsOf = (messages: ServerMessage[], callId: string) =>
  messages
    .filter(
      (message) => (message.type === 'transcript' && message.callId === callId) || (message.type === 'call' && message.call.id === callId),
    )
    .map((message) => (message as CallEventMessage).seq);

describe("CallSessionService: subscribe '*' with per-call positions", () => {
  let service: CallSessionService;
  afterEach(() => service.onModuleDestroy());

  /** Two calls of agent a1, each at seq 3 (started + two finals). */
  async function twoCallsAtSeqThree(historySize: number): Promise<[string, string]> {
    service = makeService(historySize);
    const calls = [await service.startCall({ id: 'CA-near', agentId: 'a1' }), await service.startCall({ id: 'CA-far', agentId: 'a1' })];
    for (const call of calls) for (const id of ['x', 'y']) await service.publishTranscript(call.id, finalSegment(`${call.id}-${id}`));
    return [calls[0].id, calls[1].id];
  }

  it('replays what each named call missed, snapshots the call whose gap the history cannot fill, then continues live', async () => {
    const [near, far] = await twoCallsAtSeqThree(4);
    for (const id of ['z', 'w', 'v', 'u']) await service.publishTranscript(far, finalSegment(`${far}-${id}`));
    await service.publishTranscript(near, finalSegment(`${near}-z`));
    const back = new RecordingSubscriber('back');

    const start = await subscribeLive(service, back, '*', { [near]: 2, [far]: 1 });

    expect(start.acknowledgement).toMatchObject({ type: 'subscribed', callId: '*', recoveredCalls: { [near]: true, [far]: false } });
    expect(start.acknowledgement.calls?.map((call) => [call.id, call.lastSeq])).toEqual([
      [far, 7],
      [near, 4],
    ]);
    expect(seqsOf(start.catchUp, near)).toEqual([3, 4]);
    const snapshots = start.catchUp.filter((message): message is SnapshotMessage => message.type === 'snapshot');
    expect(snapshots.map((snapshot) => [snapshot.callId, snapshot.seq, snapshot.transcript.length])).toEqual([[far, 7, 6]]);

    await service.publishTranscript(far, finalSegment(`${far}-t`));
    await service.publishTranscript(near, finalSegment(`${near}-t`));
    expect(back.received.map((event) => [event.type === 'call' ? event.call.id : event.callId, event.seq])).toEqual([
      [far, 8],
      [near, 5],
    ]);
  });

  it('sends each call its catch-up in the order the positions name the calls', async () => {
    const [near, far] = await twoCallsAtSeqThree(100);
    const start = await service.subscribe(new RecordingSubscriber('back'), '*', { [far]: 1, [near]: 1 });
    expect(
      start.catchUp.map((message) => [message.type === 'call' ? message.call.id : message.callId, (message as CallEventMessage).seq]),
    ).toEqual([
      [far, 2],
      [far, 3],
      [near, 2],
      [near, 3],
    ]);
  });

  it('answers a call the client is level with by recovered true and nothing to replay', async () => {
    const [near] = await twoCallsAtSeqThree(100);
    const start = await service.subscribe(new RecordingSubscriber('back'), '*', { [near]: 3 });
    expect(start.acknowledgement.recoveredCalls).toEqual({ [near]: true });
    expect(start.catchUp).toEqual([]);
  });

  it('snapshots a call whose position lies ahead of it (the server restarted and numbered anew)', async () => {
    const [near] = await twoCallsAtSeqThree(100);
    const start = await service.subscribe(new RecordingSubscriber('back'), '*', { [near]: 40 });
    expect(start.acknowledgement.recoveredCalls).toEqual({ [near]: false });
    expect(start.catchUp).toMatchObject([{ type: 'snapshot', callId: near, seq: 3 }]);
  });

  it('leaves calls no longer held out of calls and recoveredCalls, and lists unnamed calls without a catch-up', async () => {
    const [near, far] = await twoCallsAtSeqThree(100);
    const start = await service.subscribe(new RecordingSubscriber('back'), '*', { [near]: 3, 'CA-evicted': 9, constructor: 1 });
    expect(start.acknowledgement.calls?.map((call) => call.id).sort()).toEqual([far, near].sort());
    expect(start.acknowledgement.recoveredCalls).toEqual({ [near]: true });
    expect(start.catchUp).toEqual([]);
  });

  it("gives an agent only its own calls: another agent's named call is treated as not held", async () => {
    service = makeService(100);
    const mine = await service.startCall({ id: 'CA-mine', agentId: 'a1' });
    const theirs = await service.startCall({ id: 'CA-theirs', agentId: 'a2' });
    await service.publishTranscript(mine.id, finalSegment('mine'));
    await service.publishTranscript(theirs.id, finalSegment('theirs'));
    const agent = new RecordingSubscriber('agent', 'a1');

    const start = await service.subscribe(agent, '*', { [mine.id]: 0, [theirs.id]: 0 });

    expect(start.acknowledgement.calls?.map((call) => call.id)).toEqual([mine.id]);
    expect(start.acknowledgement.recoveredCalls).toEqual({ [mine.id]: true });
    expect(seqsOf(start.catchUp, mine.id)).toEqual([1, 2]);
    expect(seqsOf(start.catchUp, theirs.id)).toEqual([]);
  });

  it('keeps the plain answer when no positions are given: calls only, nothing to replay', async () => {
    await twoCallsAtSeqThree(100);
    const start = await service.subscribe(new RecordingSubscriber('back'), '*');
    expect(start.acknowledgement.recoveredCalls).toBeUndefined();
    expect(start.acknowledgement.calls).toHaveLength(2);
    expect(start.catchUp).toEqual([]);
  });

  it('refuses positions of the wrong shape for the subscription', async () => {
    const [near] = await twoCallsAtSeqThree(100);
    await expect(service.subscribe(new RecordingSubscriber('a'), '*', 3)).rejects.toThrow(TypeError);
    await expect(service.subscribe(new RecordingSubscriber('b'), near, { [near]: 1 })).rejects.toThrow(TypeError);
    expect(service.subscriptionCount).toBe(0);
  });
});
