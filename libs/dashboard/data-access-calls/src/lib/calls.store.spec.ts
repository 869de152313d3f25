import { TestBed } from '@angular/core/testing';
import type { ClientMessage, SubscribeMessage } from '@tnt/protocol';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer, type PeerConnection } from '@tnt/dashboard/data-access-socket/testing';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { CallsStore } from './calls.store';
import { eventually } from '@tnt/shared/util-testing/eventually';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;

describe('CallsStore fed by the socket from a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;
  let store: CallsStore;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    TestBed.configureTestingModule({ providers: [provideTranscriptSocket({ url: peer.url, backoffMs: [30], jitterRatio: 0 })] });
    store = TestBed.inject(CallsStore);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  async function boardConnection(): Promise<PeerConnection> {
    store.followAllCalls();
    const connection = await peer.connection(peer.connections.length);
    await connection.waitFor(isSubscribe('*'));
    return connection;
  }

  it('lists live calls from the feed, replaces interim text by its final and moves ended calls', async () => {
    const connection = await boardConnection();
    const call = aCallInfo({ id: 'demo-1', agentId: 'agent-1' });
    connection.send({ type: 'subscribed', callId: '*', calls: [] });
    connection.send({ type: 'call', event: 'started', seq: 1, call });
    connection.send({ type: 'transcript', callId: 'demo-1', seq: 2, transcript: aSegment({ id: 'u1', isFinal: false, text: 'I was' }) });
    await eventually(() => store.liveCalls()[0]?.segments.length === 1, 'store.liveCalls()[0]?.segments.length === 1');
    expect(store.liveCalls()[0].segments[0]).toMatchObject({ text: 'I was', isFinal: false });

    connection.send({ type: 'transcript', callId: 'demo-1', seq: 3, transcript: aSegment({ id: 'u1', text: 'I was charged twice.' }) });
    await eventually(() => store.liveCalls()[0]?.segments[0].isFinal === true, 'store.liveCalls()[0]?.segments[0].isFinal === true');
    expect(store.liveCalls()[0].segments.map((segment) => segment.text)).toEqual(['I was charged twice.']);

    connection.send({ type: 'call', event: 'ended', seq: 4, call: { ...call, status: 'ended', endedAt: new Date().toISOString() } });
    await eventually(() => store.liveCalls().length === 0, 'store.liveCalls().length === 0');
    expect(store.endedCalls().map((ended) => ended.info.id)).toEqual(['demo-1']);
    expect(store.endedCalls()[0].segments).toHaveLength(1);
  });

  it('loads the calls the server already holds with their transcripts when the board opens', async () => {
    const connection = await boardConnection();
    const call = aCallInfo({ id: 'demo-2', agentId: 'agent-2', lastSeq: 5 });
    connection.send({ type: 'subscribed', callId: '*', calls: [call] });
    await connection.waitFor(isSubscribe('demo-2'));
    connection.send({ type: 'subscribed', callId: 'demo-2', lastSeq: 5 });
    connection.send({ type: 'snapshot', callId: 'demo-2', seq: 5, call, transcript: [aSegment({ text: 'Already said.' })] });

    await eventually(() => store.call('demo-2')?.segments.length === 1, "store.call('demo-2')?.segments.length === 1");
    expect(store.callListLoaded()).toBe(true);
    expect(store.liveCallOfAgent('agent-2')?.segments[0].text).toBe('Already said.');
  });

  it('says a call is unknown to the server when it answers CALL_NOT_FOUND', async () => {
    store.followCall('nope');
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('nope'));
    connection.send({
      type: 'error',
      code: 'CALL_NOT_FOUND',
      message: 'call nope not found',
      timestamp: new Date().toISOString(),
      callId: 'nope',
    });
    await eventually(() => store.isUnknownToServer('nope'), "store.isUnknownToServer('nope')");
    expect(store.call('nope')).toBeUndefined();
  });

  it("stops showing a call as live when the server's list after a reconnect no longer has it", async () => {
    const first = await boardConnection();
    first.send({ type: 'subscribed', callId: '*', calls: [] });
    first.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: 'demo-3' }) });
    await eventually(() => store.liveCalls().length === 1, 'store.liveCalls().length === 1');
    first.terminate();

    const second = await peer.connection(1);
    await second.waitFor(isSubscribe('*'));
    second.send({ type: 'subscribed', callId: '*', calls: [] });
    await eventually(() => store.liveCalls().length === 0, 'store.liveCalls().length === 0');
    expect(store.endedCalls()[0]).toMatchObject({ heldByServer: false, info: { id: 'demo-3', status: 'active' } });
  });

  it("follows an agent's live call and reports the last one once it ended", async () => {
    const connection = await boardConnection();
    const first = aCallInfo({ id: 'demo-1', agentId: 'agent-1', startedAt: '2026-03-02T10:00:00.000Z' });
    connection.send({ type: 'subscribed', callId: '*', calls: [] });
    connection.send({ type: 'call', event: 'started', seq: 1, call: first });
    await eventually(
      () => store.liveCallOfAgent('agent-1')?.info.id === 'demo-1',
      "store.liveCallOfAgent('agent-1')?.info.id === 'demo-1'",
    );
    connection.send({ type: 'call', event: 'ended', seq: 2, call: { ...first, status: 'ended', endedAt: '2026-03-02T10:01:00.000Z' } });
    await eventually(() => store.liveCallOfAgent('agent-1') === undefined, "store.liveCallOfAgent('agent-1') === undefined");
    expect(store.lastEndedCallOfAgent('agent-1')?.info.id).toBe('demo-1');
    expect(store.liveCallOfAgent('agent-2')).toBeUndefined();
  });
});
