import type { CallEventMessage, CallMessage, ServerMessage, TranscriptMessage } from '@tnt/protocol';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function firstLiveCall(client: TestClient): Promise<string> {
  client.send({ type: 'subscribe', callId: '*' });
  const subscribed = await client.waitFor(ofType('subscribed'));
  const active = subscribed.calls?.find((call) => call.status === 'active');
  if (active) return active.id;
  const started = await client.next((message): message is CallMessage => message.type === 'call' && message.event === 'started');
  return started.call.id;
}

function transcriptOf(callId: string) {
  return (message: ServerMessage): message is TranscriptMessage => message.type === 'transcript' && message.callId === callId;
}

describe('UI socket: no gap, no duplicate', () => {
  let gateway: GatewayProcess;
  const clients: TestClient[] = [];
  const connect = async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    await gateway.stop();
  });

  it('replays exactly the missed events after a reconnect with since, then continues live', async () => {
    gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '1', TNT_DEMO_SPEED: '4' });
    const witness = await connect();
    const callId = await firstLiveCall(witness);
    const dropped = await connect();
    dropped.send({ type: 'subscribe', callId });
    await dropped.waitFor(ofType('subscribed'));
    await dropped.waitFor(transcriptOf(callId));
    await dropped.close();
    const lastSeen = Math.max(...dropped.eventsOf(callId).map((event) => event.seq));
    await sleep(1500);

    const back = await connect();
    back.send({ type: 'subscribe', callId, since: lastSeen });
    const acknowledgement = await back.waitFor(ofType('subscribed'));
    expect(acknowledgement.recovered).toBe(true);
    const missed = acknowledgement.lastSeq ?? 0;
    expect(missed).toBeGreaterThan(lastSeen);
    await back.waitFor(
      (message): message is CallEventMessage => (message.type === 'transcript' || message.type === 'call') && message.seq > missed + 2,
    );

    const received = back.eventsOf(callId).map((event) => event.seq);
    expect(received).toEqual(received.map((_, index) => lastSeen + 1 + index));
    const witnessed = new Map(witness.eventsOf(callId).map((event) => [event.seq, event]));
    for (const event of back.eventsOf(callId)) {
      if (witnessed.has(event.seq)) expect(event).toEqual(witnessed.get(event.seq));
    }
  });

  it('says recovered false and sends a snapshot when the history cannot fill the gap', async () => {
    gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '1', TNT_DEMO_SPEED: '4', TNT_HISTORY_SIZE: '5' });
    const witness = await connect();
    const callId = await firstLiveCall(witness);
    await witness.waitFor((message): message is TranscriptMessage => transcriptOf(callId)(message) && message.transcript.isFinal);
    await witness.waitFor(
      (message): message is CallEventMessage => (message.type === 'transcript' || message.type === 'call') && message.seq > 12,
    );

    const late = await connect();
    late.send({ type: 'subscribe', callId, since: 1 });
    const acknowledgement = await late.waitFor(ofType('subscribed'));
    expect(acknowledgement.recovered).toBe(false);
    const snapshot = await late.waitFor(ofType('snapshot'));
    expect(late.messages.indexOf(snapshot)).toBe(late.messages.indexOf(acknowledgement) + 1);
    const finalsSeen = witness
      .eventsOf(callId)
      .filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal && event.seq <= snapshot.seq)
      .map((event) => event.transcript);
    expect(snapshot.transcript.filter((segment) => segment.isFinal)).toEqual(finalsSeen);
    // Any call event: insights (a segment's sentiment, say) are numbered in the same sequence.
    const next = await late.next(
      (message): message is CallEventMessage => message.type === 'transcript' || message.type === 'call' || message.type === 'insight',
    );
    expect(next.seq).toBe(snapshot.seq + 1);
  });

  it('gives a supervisor on * and an agent on one call identical events in identical order', async () => {
    gateway = await startGateway({ TNT_DEMO: '1', TNT_DEMO_CALLS: '3', TNT_DEMO_SPEED: '4' });
    const supervisor = await connect();
    const callId = await firstLiveCall(supervisor);
    const agent = await connect();
    agent.send({ type: 'subscribe', callId });
    const acknowledgement = await agent.waitFor(ofType('subscribed'));
    const fromSeq = (acknowledgement.lastSeq ?? 0) + 1;
    await agent.waitFor(
      (message): message is CallEventMessage => (message.type === 'transcript' || message.type === 'call') && message.seq >= fromSeq + 15,
      30_000,
    );
    await sleep(300);
    const agentEvents = agent.eventsOf(callId).filter((event) => event.seq >= fromSeq && event.seq <= fromSeq + 15);
    const supervisorEvents = supervisor.eventsOf(callId).filter((event) => event.seq >= fromSeq && event.seq <= fromSeq + 15);
    expect(agentEvents).toHaveLength(16);
    expect(supervisorEvents).toEqual(agentEvents);
    expect(supervisor.messages.some((message) => message.type === 'transcript' && message.callId !== callId)).toBe(true);
  });
});
