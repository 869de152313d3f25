import { callIdOf, type AllCallsPositions, type ServerMessage, type SubscribedMessage } from '@tnt/protocol';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics } from '@tnt/server/util-metrics';
import { LocalCallEventBus } from './call-event-bus';
import { CallSessionService, type SubscriptionStart } from './call-session.service';
import { finalSegment, RecordingSubscriber, SlowReadsStore, type AnswerTime } from '../testing';

/** A subscriber that sees what its socket would carry: the acknowledgement, the catch-up, then the live events. */
class WireSubscriber extends RecordingSubscriber {
  readonly wire: ServerMessage[] = [];

  override deliver(json: string): void {
    super.deliver(json);
    this.wire.push(JSON.parse(json));
  }
}

/** Subscribes as the gateway does: sends the acknowledgement and catch-up once they are read, then goes live. */
async function subscribeAsGateway(
  service: CallSessionService,
  subscriber: WireSubscriber,
  callId: string,
  since?: number | AllCallsPositions,
): Promise<SubscriptionStart> {
  const start = await service.subscribe(subscriber, callId, since);
  subscriber.wire.push(start.acknowledgement, ...start.catchUp);
  start.goLive();
  return start;
}

/** The seqs `callId`'s messages on the wire bring the subscriber to, in wire order (a snapshot as `snapshot@seq`). */
function seqsOn(wire: ServerMessage[], callId: string): (number | string)[] {
  return wire.flatMap((message): (number | string)[] => {
    if (message.type === 'snapshot') return message.callId === callId ? [`snapshot@${message.seq}`] : [];
    if (message.type !== 'call' && message.type !== 'transcript') return [];
    return callIdOf(message) === callId ? [message.seq] : [];
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe.each<AnswerTime>(['asked', 'released'])('subscribe while the store answers slowly (answers as of when %s)', (answerTime) => {
  let store: SlowReadsStore;
  let service: CallSessionService;
  let said = 0;
  const say = (callId: string) => service.publishTranscript(callId, finalSegment(`words-${++said}`));

  beforeEach(() => {
    store = new SlowReadsStore(100, answerTime);
    const config = { ...loadConfig({}), historySize: 100, endedCallRetentionMs: 60_000 };
    service = new CallSessionService(store, new LocalCallEventBus(), config, new PrometheusMetrics());
  });
  afterEach(() => service.onModuleDestroy());

  it('delivers the events of a call published during its catch-up once, after the catch-up, in order', async () => {
    const call = await service.startCall({ id: 'CA-one', agentId: 'a1' });
    await say(call.id);
    await say(call.id);
    const subscriber = new WireSubscriber('late');
    store.hold('getCall', 'eventsSince', 'snapshot');

    const subscribing = subscribeAsGateway(service, subscriber, call.id, 1);
    await store.readAsked();
    await say(call.id); // seq 4, while the call is read
    store.release();
    await store.readAsked();
    await say(call.id); // seq 5, while its events are read
    expect(subscriber.wire).toEqual([]);
    store.release();
    const start = await subscribing;
    await say(call.id); // seq 6, live

    expect(subscriber.wire[0]).toMatchObject({ type: 'subscribed', callId: call.id, recovered: true });
    expect(start.catchUp.length).toBeGreaterThan(0);
    expect(seqsOn(subscriber.wire, call.id)).toEqual(range(2, 6));
  });

  it('delivers after a snapshot only the events it does not contain, once and in order', async () => {
    const call = await service.startCall({ id: 'CA-snap', agentId: 'a1' });
    await say(call.id);
    const subscriber = new WireSubscriber('viewer');
    store.hold('getCall', 'snapshot');

    const subscribing = subscribeAsGateway(service, subscriber, call.id);
    await store.readAsked();
    await say(call.id); // seq 3
    store.release();
    await store.readAsked();
    await say(call.id); // seq 4
    store.release();
    await subscribing;
    await say(call.id); // seq 5

    const [snapshot, ...live] = seqsOn(subscriber.wire, call.id);
    const snapshotSeq = Number(String(snapshot).replace('snapshot@', ''));
    expect(snapshotSeq).toBe(answerTime === 'asked' ? 3 : 4);
    expect(live).toEqual(range(snapshotSeq + 1, 5));
  });

  it("recovers each call of a '*' subscription with positions once and in order, and a call started meanwhile from its start", async () => {
    const near = await service.startCall({ id: 'CA-near', agentId: 'a1' });
    const far = await service.startCall({ id: 'CA-far', agentId: 'a1' });
    for (const call of [near, far]) for (let times = 0; times < 2; times++) await say(call.id);
    const subscriber = new WireSubscriber('back');
    store.hold('listCalls', 'eventsSince', 'snapshot');

    const subscribing = subscribeAsGateway(service, subscriber, '*', { [near.id]: 1, [far.id]: 2 });
    await store.readAsked(); // the listing
    await say(near.id); // near 4
    const fresh = await service.startCall({ id: 'CA-fresh', agentId: 'a1' }); // fresh 1
    store.release();
    await store.readAsked(); // near's events
    await say(near.id); // near 5
    await say(far.id); // far 4
    store.release();
    await store.readAsked(); // far's events
    await say(far.id); // far 5
    await say(fresh.id); // fresh 2
    store.release();
    await subscribing;
    await say(near.id); // near 6
    await say(fresh.id); // fresh 3

    const acknowledgement = subscriber.wire[0] as SubscribedMessage;
    expect(acknowledgement).toMatchObject({ type: 'subscribed', callId: '*', recoveredCalls: { [near.id]: true, [far.id]: true } });
    expect(seqsOn(subscriber.wire, near.id)).toEqual(range(2, 6));
    expect(seqsOn(subscriber.wire, far.id)).toEqual(range(3, 5));
    const freshListed = acknowledgement.calls?.find((call) => call.id === fresh.id);
    expect(freshListed === undefined).toBe(answerTime === 'asked');
    expect(seqsOn(subscriber.wire, fresh.id)).toEqual(range((freshListed?.lastSeq ?? 0) + 1, 3));
  });

  it("keeps a call's own subscription gap-free while the subscriber's '*' listing is read", async () => {
    const call = await service.startCall({ id: 'CA-watched', agentId: 'a1' });
    const subscriber = new WireSubscriber('board');
    await subscribeAsGateway(service, subscriber, call.id, 1);
    store.hold('listCalls');

    const subscribing = subscribeAsGateway(service, subscriber, '*');
    await store.readAsked();
    await say(call.id); // seq 2, for the live subscription to the call
    store.release();
    await subscribing;
    await say(call.id); // seq 3

    expect(seqsOn(subscriber.wire, call.id)).toEqual([2, 3]);
  });

  it('serves two subscribes to one call from one connection in turn: each catch-up whole, then every later event once', async () => {
    const call = await service.startCall({ id: 'CA-twice', agentId: 'a1' });
    await say(call.id); // seq 2
    const subscriber = new WireSubscriber('twice');
    store.hold('getCall', 'eventsSince');

    const first = subscribeAsGateway(service, subscriber, call.id, 1);
    const second = subscribeAsGateway(service, subscriber, call.id, 1);
    await store.readAsked();
    await say(call.id); // seq 3, while the first reads the call
    store.release();
    await store.readAsked();
    await say(call.id); // seq 4, while the first reads its events
    store.release();
    await first;
    await store.readAsked();
    await say(call.id); // seq 5, while the second reads the call
    store.release();
    await store.readAsked();
    store.release();
    await second;
    await say(call.id); // seq 6, live

    expect(seqsOn(subscriber.wire, call.id)).toEqual([...range(2, 4), ...range(2, 6)]);
    expect(heldSubscriptions(service)).toBe(0);
  });

  it('registers nothing for a subscribe whose connection closed while it waited for its turn', async () => {
    const call = await service.startCall({ id: 'CA-closed', agentId: 'a1' });
    const subscriber = new WireSubscriber('closing');
    store.hold('getCall');
    const first = subscribeAsGateway(service, subscriber, call.id);
    const second = subscribeAsGateway(service, subscriber, call.id);
    await store.readAsked();
    service.unsubscribeAll(subscriber);
    store.hold();
    store.release();
    await Promise.all([first, second]);
    const seen = subscriber.wire.length;
    await say(call.id);

    expect(service.subscriptionCount).toBe(0);
    expect(subscriber.wire).toHaveLength(seen);
  });

  it('leaves nothing registered or held when the subscription fails', async () => {
    const subscriber = new WireSubscriber('lost');
    store.hold('getCall');
    const subscribing = service.subscribe(subscriber, 'CA-ghost');
    await store.readAsked();
    store.hold();
    store.release();

    await expect(subscribing).rejects.toThrow(/not known/);
    expect(service.subscriptionCount).toBe(0);
    expect(heldSubscriptions(service)).toBe(0);
    const ghost = await service.startCall({ id: 'CA-ghost', agentId: 'a1' });
    await say(ghost.id);
    expect(subscriber.wire).toEqual([]);
  });

  it('delivers nothing held to a subscription removed before it went live', async () => {
    const call = await service.startCall({ id: 'CA-left', agentId: 'a1' });
    const subscriber = new WireSubscriber('gone');
    store.hold('getCall', 'snapshot');
    const subscribing = service.subscribe(subscriber, call.id);
    await store.readAsked();
    await say(call.id);
    store.release();
    await store.readAsked();
    store.release();
    const start = await subscribing;
    service.unsubscribe(subscriber, call.id);
    start.goLive();
    await say(call.id);

    expect(subscriber.wire).toEqual([]);
    expect(heldSubscriptions(service)).toBe(0);
  });
});

/** How many subscribers have subscriptions held back (white box: the registry keeps no count of them). */
function heldSubscriptions(service: CallSessionService): number {
  return (service as unknown as { subscriptions: { held: Map<unknown, unknown> } }).subscriptions.held.size;
}
