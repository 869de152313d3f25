import { PROTOCOL_VERSION, type CallMessage, type ServerMessage, type TranscriptMessage } from '@tnt/protocol';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

describe('UI socket: connection, heartbeat and live transcripts', () => {
  let gateway: GatewayProcess;
  const clients: TestClient[] = [];
  const connect = async () => {
    const client = await TestClient.connect(gateway.wsUrl);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    gateway = await startGateway({
      TNT_DEMO: '1',
      TNT_DEMO_CALLS: '2',
      TNT_DEMO_SPEED: '4',
      TNT_HEARTBEAT_INTERVAL_MS: '400',
      TNT_HEARTBEAT_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    for (const client of clients) client.socket.terminate();
    await gateway.stop();
  });

  it('greets a new connection with status connected, protocol version, heartbeat and connection id', async () => {
    const client = await connect();
    const greeting = await client.waitFor(ofType('status'));
    expect(client.messages[0]).toBe(greeting);
    expect(greeting).toMatchObject({
      status: 'connected',
      protocolVersion: PROTOCOL_VERSION,
      heartbeatIntervalMs: 400,
      connectionId: expect.any(String),
    });
  });

  it('answers ping with pong echoing the id', async () => {
    const client = await connect();
    await client.waitFor(ofType('status'));
    client.send({ type: 'ping', id: 'p-1' });
    const pong = await client.next(ofType('pong'));
    expect(pong.id).toBe('p-1');
    expect(Date.parse(pong.serverTime)).not.toBeNaN();
  });

  it('streams interim then final segments with increasing seq, the final replacing the interim', async () => {
    const client = await connect();
    client.send({ type: 'subscribe', callId: '*' });
    await client.waitFor(ofType('subscribed'));
    const started = await client.next((message): message is CallMessage => message.type === 'call' && message.event === 'started');
    const callId = started.call.id;
    const isFinalOfCall = (message: ServerMessage): message is TranscriptMessage =>
      message.type === 'transcript' && message.callId === callId && message.transcript.isFinal;
    const final = await client.waitFor(isFinalOfCall);
    const events = client.eventsOf(callId);
    const seqs = events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, index) => started.seq + index));
    const interims = events.filter(
      (event): event is TranscriptMessage =>
        event.type === 'transcript' && event.transcript.id === final.transcript.id && !event.transcript.isFinal,
    );
    expect(interims.length).toBeGreaterThan(0);
    expect(interims.every((interim) => interim.seq < final.seq)).toBe(true);
    // The engine's words grow from interim to final; the formatted text may not (a "twenty" becomes "$29").
    expect(final.transcript.raw?.startsWith(interims[0].transcript.raw ?? '')).toBe(true);
    expect(final.transcript).toMatchObject({ engine: 'scripted', simulated: true });
    expect(['caller', 'agent']).toContain(final.transcript.speaker);
    expect(final.transcript.endMs).toBeGreaterThan(final.transcript.startMs);
  });

  it('keeps a peer that answers ping frames and terminates one that does not', async () => {
    const alive = await connect();
    const silent = await TestClient.connect(gateway.wsUrl, { autoPong: false });
    clients.push(silent);
    const startedAt = Date.now();
    const closed = await silent.closed;
    expect(closed.code).toBe(1006);
    expect(Date.now() - startedAt).toBeLessThan(400 + 300 + 500);
    alive.send({ type: 'ping', id: 2 });
    expect((await alive.next(ofType('pong'))).id).toBe(2);
  });
});
