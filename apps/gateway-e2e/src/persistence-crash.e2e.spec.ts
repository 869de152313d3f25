import type { CallEventMessage, CallMessage, ServerMessage, TranscriptMessage } from '@tnt/protocol';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

function finalOf(callId: string) {
  return (message: ServerMessage): message is TranscriptMessage =>
    message.type === 'transcript' && message.callId === callId && message.transcript.isFinal;
}

describe('persistence: kill -9 mid-call loses nothing a client received', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess | undefined;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await gateway?.stop('SIGKILL');
    data.remove();
  });

  it('stores every received final, marks the open call interrupted, resumes an old since from disk without gap or duplicate', async () => {
    const storage = { TNT_STORE: 'sqlite', TNT_DATA_DIR: data.path };
    gateway = await startGateway({ ...storage, TNT_DEMO: '1', TNT_DEMO_CALLS: '1', TNT_DEMO_SPEED: '4' });
    const witness = await TestClient.connect(gateway.wsUrl);
    clients.push(witness);
    witness.send({ type: 'subscribe', callId: '*' });
    const { calls } = await witness.waitFor(ofType('subscribed'));
    const callId =
      calls?.find((call) => call.status === 'active')?.id ??
      (await witness.waitFor((message): message is CallMessage => message.type === 'call' && message.event === 'started')).call.id;
    const firstFinal = await witness.waitFor(finalOf(callId), 30_000);
    await witness.waitFor((message): message is TranscriptMessage => finalOf(callId)(message) && message.seq > firstFinal.seq + 4, 30_000);

    await gateway.stop('SIGKILL');
    const received = witness.eventsOf(callId);
    const receivedFinals = received.filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal);
    expect(received.some((event) => event.type === 'call' && event.event === 'ended')).toBe(false);

    gateway = await startGateway(storage);
    expect(gateway.output()).toContain(`call ${callId} was open when the gateway stopped; marked interrupted`);
    const api = HistoryApi.of(gateway);
    const call = await api.getCall(callId);
    const newestReceived = Math.max(...received.map((event) => event.seq));
    expect(call).toMatchObject({ status: 'ended', endReason: 'interrupted' });
    expect(call.lastSeq).toBeGreaterThan(newestReceived);
    const stored = (await api.transcript(callId)).segments;
    // The witness may have joined the call late. Stored first, sent second: the store may hold one
    // final that the kill kept from the witness, never fewer than it received.
    const firstHeard = stored.findIndex((segment) => segment.id === firstFinal.transcript.id);
    expect(firstHeard).toBeGreaterThanOrEqual(0);
    expect(stored.slice(firstHeard, firstHeard + receivedFinals.length)).toEqual(receivedFinals.map((event) => event.transcript));
    expect(stored.length - (firstHeard + receivedFinals.length)).toBeLessThanOrEqual(1);

    const back = await TestClient.connect(gateway.wsUrl);
    clients.push(back);
    back.send({ type: 'subscribe', callId, since: firstFinal.seq });
    const acknowledgement = await back.waitFor(ofType('subscribed'));
    expect(acknowledgement).toMatchObject({ callId, recovered: true, lastSeq: call.lastSeq });
    const interrupted = await back.waitFor((message): message is CallMessage => message.type === 'call' && message.event === 'ended');
    expect(interrupted).toMatchObject({ seq: call.lastSeq, call: { id: callId, status: 'ended', endReason: 'interrupted' } });

    const replayed = back.eventsOf(callId);
    const seqs = replayed.map((event) => event.seq);
    expect(seqs.every((seq, index) => seq > firstFinal.seq && (index === 0 || seq > seqs[index - 1]))).toBe(true);
    const replayedFinals = replayed.filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal);
    expect(replayedFinals.map((event) => event.transcript)).toEqual(stored.slice(firstHeard + 1));
    const receivedAfterSince = receivedFinals.filter((event) => event.seq > firstFinal.seq);
    for (const event of receivedAfterSince) expect(replayed).toContainEqual(event);
    expect(replayed.filter((event: CallEventMessage) => event.type === 'transcript' && !event.transcript.isFinal)).toEqual([]);
  });
});
