import type { CallEventMessage, ServerMessage, SnapshotMessage, TranscriptMessage } from '@tnt/protocol';
import { ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type WebSocket from 'ws';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

/** Events the memory ring keeps per call (TNT_HISTORY_SIZE); with TNT_STORE=memory nothing older can be replayed. */
const HISTORY_SIZE = 5;
const SAMPLE_RATE = 16_000;
/** 16-bit stereo: caller and agent channels. */
const BYTES_PER_STEREO_SAMPLE = 4;
/** The scripted engine emits at most one hypothesis per speaker per 250 ms of audio. */
const CHUNK_MS = 250;

const silence = (ms: number) => Buffer.alloc(((SAMPLE_RATE * ms) / 1000) * BYTES_PER_STEREO_SAMPLE);
const isEventOf =
  (callId: string) =>
  (message: ServerMessage): message is CallEventMessage =>
    (message.type === 'transcript' && message.callId === callId) || (message.type === 'call' && message.call.id === callId);
const lastSeqOf = (client: TestClient, callId: string) => Math.max(0, ...client.eventsOf(callId).map((event) => event.seq));

/** True once `client` has received, after index `from`, a message that `matches`; false if none came in `polls` × 10 ms. */
async function arrives(client: TestClient, matches: (message: ServerMessage) => boolean, from: number, polls: number): Promise<boolean> {
  for (let poll = 0; poll < polls; poll++) {
    if (client.messages.slice(from).some(matches)) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

describe("UI socket: subscribe '*' with per-call positions after a reconnect", () => {
  let gateway: GatewayProcess;
  const clients: TestClient[] = [];
  const ingests: WebSocket[] = [];
  const connect = async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    clients.push(client);
    return client;
  };
  const subscribeToAllCalls = async (client: TestClient) => {
    client.send({ type: 'subscribe', callId: '*' });
    await client.waitFor(ofType('subscribed'));
  };
  /** Starts a call through /ingest/l16; the scripted engine then speaks as far as the audio sent. */
  const startCall = async (callId: string) => {
    const ingest = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.access.ingestApiKey) });
    ingests.push(ingest);
    ingest.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: SAMPLE_RATE, mixType: 'stereo' }));
    return ingest;
  };
  /** Sends audio a chunk at a time until `witness` has seen `callId` reach `seq`. */
  const speakUntil = async (ingest: WebSocket, witness: TestClient, callId: string, seq: number) => {
    while (lastSeqOf(witness, callId) < seq) {
      const from = witness.messages.length;
      ingest.send(silence(CHUNK_MS));
      // A chunk that falls in the script's pauses yields nothing; then the next one is sent.
      await arrives(witness, isEventOf(callId), from, 50);
    }
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.socket.terminate();
    for (const ingest of ingests.splice(0)) ingest.terminate();
    await gateway.stop();
  });

  it('gives a call the ring holds exactly its missed events, one beyond it a snapshot, then both live: no gap, no duplicate', async () => {
    gateway = await startGateway({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory', TNT_HISTORY_SIZE: String(HISTORY_SIZE) });
    const witness = await connect();
    const dropped = await connect();
    await subscribeToAllCalls(witness);
    await subscribeToAllCalls(dropped);
    const [near, far] = ['recover-near', 'recover-far'];
    const nearIngest = await startCall(near);
    const farIngest = await startCall(far);
    await speakUntil(nearIngest, witness, near, 3);
    await speakUntil(farIngest, witness, far, 3);
    await dropped.waitFor((message): message is CallEventMessage => isEventOf(far)(message) && message.seq >= 3);
    await dropped.close();
    const positions = { [near]: lastSeqOf(dropped, near), [far]: lastSeqOf(dropped, far) };

    // While the client is away, one call moves a little and the other further than the ring holds.
    await speakUntil(nearIngest, witness, near, positions[near] + 1);
    await speakUntil(farIngest, witness, far, positions[far] + HISTORY_SIZE + 1);
    const back = await connect();
    back.send({ type: 'subscribe', callId: '*', since: positions });
    const acknowledgement = await back.waitFor(ofType('subscribed'));

    expect(acknowledgement.recoveredCalls).toEqual({ [near]: true, [far]: false });
    const lastSeqs = Object.fromEntries((acknowledgement.calls ?? []).map((call) => [call.id, call.lastSeq ?? 0]));
    const missedCount = lastSeqs[near] - positions[near];
    expect(missedCount).toBeGreaterThanOrEqual(1);
    expect(missedCount).toBeLessThanOrEqual(HISTORY_SIZE);
    expect(lastSeqs[far] - positions[far]).toBeGreaterThan(HISTORY_SIZE);
    // The catch-up follows the acknowledgement directly, call by call in the order named: near's missed events, then far's snapshot.
    const start = back.messages.indexOf(acknowledgement) + 1;
    await back.waitFor(ofType('snapshot'));
    const catchUp = back.messages.slice(start, start + missedCount + 1);
    await witness.waitFor((message): message is CallEventMessage => isEventOf(near)(message) && message.seq >= lastSeqs[near]);
    const witnessed = new Map(witness.eventsOf(near).map((event) => [event.seq, event]));
    expect(catchUp.slice(0, missedCount)).toEqual(
      Array.from({ length: missedCount }, (_, index) => witnessed.get(positions[near] + 1 + index)),
    );
    const snapshot = catchUp[missedCount] as SnapshotMessage;
    expect(snapshot).toMatchObject({ type: 'snapshot', callId: far, seq: lastSeqs[far] });
    await witness.waitFor((message): message is CallEventMessage => isEventOf(far)(message) && message.seq >= snapshot.seq);
    const farFinalsSeen = witness
      .eventsOf(far)
      .filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal && event.seq <= snapshot.seq)
      .map((event) => event.transcript);
    expect(snapshot.transcript.filter((segment) => segment.isFinal)).toEqual(farFinalsSeen);

    // Then live: both calls go on from where the catch-up left them.
    await speakUntil(nearIngest, witness, near, lastSeqs[near] + 2);
    await speakUntil(farIngest, witness, far, lastSeqs[far] + 2);
    for (const callId of [near, far])
      await back.waitFor((message): message is CallEventMessage => isEventOf(callId)(message) && message.seq >= lastSeqs[callId] + 2);
    const nearSeqs = back.eventsOf(near).map((event) => event.seq);
    expect(nearSeqs).toEqual(nearSeqs.map((_, index) => positions[near] + 1 + index));
    const farSeqs = back.eventsOf(far).map((event) => event.seq);
    expect(farSeqs).toEqual(farSeqs.map((_, index) => snapshot.seq + 1 + index));
    for (const callId of [near, far]) {
      const newest = lastSeqOf(back, callId);
      await witness.waitFor((message): message is CallEventMessage => isEventOf(callId)(message) && message.seq >= newest);
      const seen = new Map(witness.eventsOf(callId).map((event) => [event.seq, event]));
      for (const event of back.eventsOf(callId)) expect(event).toEqual(seen.get(event.seq));
    }
  });
});
