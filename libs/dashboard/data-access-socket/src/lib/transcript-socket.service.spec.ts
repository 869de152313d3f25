import { TestBed } from '@angular/core/testing';
import type { CallEventMessage, ClientMessage, ServerMessage, SubscribeMessage, UnsubscribeMessage } from '@tnt/protocol';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { ProtocolTestPeer, type PeerConnection } from '../testing';
import { provideTranscriptSocket, type TranscriptSocketOptions } from './socket-options';
import { TranscriptSocketService } from './transcript-socket.service';
import { eventually } from '@tnt/shared/util-testing/eventually';

const CALL = 'call-1';
const STARTED_AT = '2026-03-02T10:00:00.000Z';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;
const isUnsubscribe =
  (callId: string) =>
  (message: ClientMessage): message is UnsubscribeMessage =>
    message.type === 'unsubscribe' && message.callId === callId;
const transcript = (seq: number, text = `line ${seq}`): ServerMessage => ({
  type: 'transcript',
  callId: CALL,
  seq,
  transcript: aSegment({ id: `u${seq}`, text, startMs: seq * 1000 }),
});
const seqsOf = (messages: ServerMessage[]) =>
  messages
    .filter((message): message is CallEventMessage => message.type === 'transcript' || message.type === 'call')
    .map((message) => message.seq);

describe('TranscriptSocketService against a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;
  let socket: TranscriptSocketService;
  let delivered: ServerMessage[];

  async function startService(options: Partial<TranscriptSocketOptions> = {}): Promise<void> {
    TestBed.configureTestingModule({
      providers: [provideTranscriptSocket({ url: peer.url, backoffMs: [40], jitterRatio: 0, promptReconnectMs: 10, ...options })],
    });
    socket = TestBed.inject(TranscriptSocketService);
    delivered = [];
    socket.messages$.subscribe((message) => delivered.push(message));
  }

  async function subscribedWithSnapshot(connection: PeerConnection, seq: number): Promise<void> {
    await connection.waitFor(isSubscribe(CALL));
    connection.send({ type: 'subscribed', callId: CALL, lastSeq: seq });
    connection.send({ type: 'snapshot', callId: CALL, seq, call: aCallInfo({ id: CALL, startedAt: STARTED_AT }), transcript: [] });
  }

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it('goes from connecting to connected on the greeting and subscribes to a watched call without since', async () => {
    await startService();
    const states: string[] = [];
    socket.state$.subscribe((state) => states.push(state));

    socket.watchCall(CALL);
    expect(socket.state()).toBe('connecting');
    const connection = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    expect(await connection.waitFor(isSubscribe(CALL))).toEqual({ type: 'subscribe', callId: CALL });
    expect(states).toEqual(['disconnected', 'connecting', 'connected']);
  });

  it('resubscribes with since after the connection drops and passes on only events it has not delivered', async () => {
    await startService();
    socket.watchCall(CALL);
    const first = await peer.connection(0);
    await subscribedWithSnapshot(first, 2);
    first.send(transcript(3));
    first.send(transcript(4));
    await eventually(() => socket.lastSeqOf(CALL) === 4, 'socket.lastSeqOf(CALL) === 4');

    first.terminate();
    await eventually(() => socket.state() === 'reconnecting', "socket.state() === 'reconnecting'");
    const second = await peer.connection(1);
    expect(await second.waitFor(isSubscribe(CALL))).toEqual({ type: 'subscribe', callId: CALL, since: 4 });
    second.send({ type: 'subscribed', callId: CALL, lastSeq: 7, recovered: true });
    for (const seq of [3, 4, 5, 7]) second.send(transcript(seq));
    await eventually(() => socket.lastSeqOf(CALL) === 7, 'socket.lastSeqOf(CALL) === 7');

    expect(seqsOf(delivered)).toEqual([3, 4, 5, 7]);
    expect(socket.state()).toBe('connected');
  });

  it('passes the snapshot on when the server says recovered false, and continues after its seq', async () => {
    await startService();
    socket.watchCall(CALL);
    const first = await peer.connection(0);
    await subscribedWithSnapshot(first, 2);
    first.send(transcript(3));
    await eventually(() => socket.lastSeqOf(CALL) === 3, 'socket.lastSeqOf(CALL) === 3');
    first.terminate();

    const second = await peer.connection(1);
    expect(await second.waitFor(isSubscribe(CALL))).toMatchObject({ since: 3 });
    const snapshotSegments = [aSegment({ id: 'u3', text: 'line 3' }), aSegment({ id: 'u8', text: 'line 8' })];
    second.send({ type: 'subscribed', callId: CALL, lastSeq: 9, recovered: false });
    second.send({ type: 'snapshot', callId: CALL, seq: 9, call: aCallInfo({ id: CALL }), transcript: snapshotSegments });
    second.send(transcript(9));
    second.send(transcript(10));
    await eventually(() => socket.lastSeqOf(CALL) === 10, 'socket.lastSeqOf(CALL) === 10');

    const afterReconnect = delivered.slice(delivered.findIndex((message) => message.type === 'subscribed' && message.recovered === false));
    expect(afterReconnect.map((message) => message.type)).toEqual(['subscribed', 'snapshot', 'transcript']);
    expect(afterReconnect[1]).toMatchObject({ type: 'snapshot', seq: 9, transcript: snapshotSegments });
    expect(seqsOf(afterReconnect)).toEqual([10]);
  });

  it('pings at the interval the greeting announced and reconnects when the pong does not come', async () => {
    await peer.stop();
    peer = await ProtocolTestPeer.start({ heartbeatIntervalMs: 60, answerPings: false });
    await startService({ pongTimeoutMs: 80 });
    socket.connect();
    const first = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    // When the ping goes out is checked with a stepped clock in transcript-socket.timing.spec.ts.
    const ping = await first.waitFor((message): message is ClientMessage => message.type === 'ping');
    expect(ping).toEqual({ type: 'ping', id: 1 });
    await eventually(() => socket.state() === 'reconnecting', "socket.state() === 'reconnecting'");
    expect(socket.lastProblem()).toBe('no pong within 80 ms');
    await peer.connection(1);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
  });

  it('keeps the connection while pongs answer its pings', async () => {
    await peer.stop();
    peer = await ProtocolTestPeer.start({ heartbeatIntervalMs: 30, answerPings: true });
    await startService({ pongTimeoutMs: 60 });
    socket.connect();
    const connection = await peer.connection(0);
    await eventually(
      () => connection.received.filter((message) => message.type === 'ping').length >= 5,
      "connection.received.filter((message) => message.type === 'ping').length >= 5",
    );
    expect(peer.connections).toHaveLength(1);
    expect(socket.state()).toBe('connected');
  });

  it('reconnects promptly when the server says disconnecting, without waiting for the backoff', async () => {
    // The backoff is 30 s (the cap), far past how long the test waits for the second connection, so only
    // the prompt reconnect can make it: no clock is read.
    await startService({ backoffMs: [30_000], promptReconnectMs: 20 });
    socket.connect();
    const first = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    first.send({ type: 'status', status: 'disconnecting', reason: 'server shutting down' });

    await peer.connection(1, 5000);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    expect(delivered.some((message) => message.type === 'status' && message.status === 'disconnecting')).toBe(true);
  });

  it("recovers the '*' feed after a reconnect with one subscribe naming each call's last seq", async () => {
    await startService();
    socket.watchAllCalls();
    const first = await peer.connection(0);
    expect(await first.waitFor(isSubscribe('*'))).toEqual({ type: 'subscribe', callId: '*' });
    const call = aCallInfo({ id: CALL, startedAt: STARTED_AT });
    const other = aCallInfo({ id: 'call-2', startedAt: STARTED_AT });
    first.send({ type: 'subscribed', callId: '*', calls: [] });
    first.send({ type: 'call', event: 'started', seq: 1, call });
    first.send(transcript(2));
    first.send({ type: 'call', event: 'started', seq: 1, call: other });
    await eventually(
      () => socket.lastSeqOf(CALL) === 2 && socket.lastSeqOf('call-2') === 1,
      "socket.lastSeqOf(CALL) === 2 && socket.lastSeqOf('call-2') === 1",
    );
    first.terminate();

    const second = await peer.connection(1);
    expect(await second.waitFor(isSubscribe('*'))).toEqual({ type: 'subscribe', callId: '*', since: { [CALL]: 2, 'call-2': 1 } });
    second.send({
      type: 'subscribed',
      callId: '*',
      calls: [
        { ...call, lastSeq: 4 },
        { ...other, lastSeq: 5 },
      ],
      recoveredCalls: { [CALL]: true, 'call-2': false },
    });
    // call-1's missed events (the peer repeats one the client holds), call-2's snapshot, then live.
    for (const seq of [2, 3, 4]) second.send(transcript(seq));
    second.send({ type: 'snapshot', callId: 'call-2', seq: 5, call: other, transcript: [aSegment({ id: 'c2-u1' })] });
    second.send(transcript(5));
    await eventually(() => socket.lastSeqOf(CALL) === 5, 'socket.lastSeqOf(CALL) === 5');

    expect(seqsOf(delivered.filter((message) => message.type !== 'call' || message.call.id === CALL))).toEqual([1, 2, 3, 4, 5]);
    expect(socket.lastSeqOf('call-2')).toBe(5);
    expect(delivered.filter((message) => message.type === 'snapshot').map((message) => message.callId)).toEqual(['call-2']);
    // The one subscribe was the whole recovery: no call was asked for on its own.
    expect(second.received.filter((message) => message.type === 'subscribe' || message.type === 'unsubscribe')).toHaveLength(1);
  });

  it('fetches a snapshot once for a call that started while the dashboard was away, then lets it go', async () => {
    await startService();
    socket.watchAllCalls();
    const first = await peer.connection(0);
    await first.waitFor(isSubscribe('*'));
    first.send({ type: 'subscribed', callId: '*', calls: [] });
    first.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: 'call-old', startedAt: STARTED_AT }) });
    await eventually(() => socket.lastSeqOf('call-old') === 1, "socket.lastSeqOf('call-old') === 1");
    first.terminate();

    const second = await peer.connection(1);
    await second.waitFor(isSubscribe('*'));
    const newcomer = aCallInfo({ id: CALL, startedAt: STARTED_AT, lastSeq: 6 });
    second.send({
      type: 'subscribed',
      callId: '*',
      calls: [{ ...aCallInfo({ id: 'call-old', startedAt: STARTED_AT }), lastSeq: 1 }, newcomer],
      recoveredCalls: { 'call-old': true },
    });
    expect(await second.waitFor(isSubscribe(CALL))).toEqual({ type: 'subscribe', callId: CALL });
    second.send({ type: 'subscribed', callId: CALL, lastSeq: 6 });
    second.send({ type: 'snapshot', callId: CALL, seq: 6, call: newcomer, transcript: [] });
    await second.waitFor(isUnsubscribe(CALL));
    second.send(transcript(5));
    second.send(transcript(7));
    await eventually(() => socket.lastSeqOf(CALL) === 7, 'socket.lastSeqOf(CALL) === 7');

    expect(seqsOf(delivered.filter((message) => message.type === 'transcript'))).toEqual([7]);
    expect(second.received.some(isSubscribe('call-old'))).toBe(false);
  });

  it("fetches a snapshot of a call whose id now names another call, though '*' recovered it by seq", async () => {
    await startService();
    socket.watchAllCalls();
    const first = await peer.connection(0);
    await first.waitFor(isSubscribe('*'));
    first.send({ type: 'subscribed', callId: '*', calls: [] });
    first.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: CALL, startedAt: STARTED_AT }) });
    first.send(transcript(2));
    await eventually(() => socket.lastSeqOf(CALL) === 2, 'socket.lastSeqOf(CALL) === 2');
    first.terminate();

    // The server restarted and a new call took the id: the replay after seq 2 is not this call's history.
    const second = await peer.connection(1);
    expect(await second.waitFor(isSubscribe('*'))).toMatchObject({ since: { [CALL]: 2 } });
    const successor = aCallInfo({ id: CALL, startedAt: '2026-03-02T11:00:00.000Z', lastSeq: 4 });
    second.send({ type: 'subscribed', callId: '*', calls: [successor], recoveredCalls: { [CALL]: true } });
    second.send(transcript(3));
    second.send(transcript(4));
    expect(await second.waitFor(isSubscribe(CALL))).toEqual({ type: 'subscribe', callId: CALL });
    second.send({ type: 'subscribed', callId: CALL, lastSeq: 4 });
    second.send({ type: 'snapshot', callId: CALL, seq: 4, call: successor, transcript: [] });
    await second.waitFor(isUnsubscribe(CALL));
    second.send(transcript(5));
    await eventually(() => socket.lastSeqOf(CALL) === 5, 'socket.lastSeqOf(CALL) === 5');

    expect(delivered.filter((message) => message.type === 'snapshot')).toHaveLength(1);
    expect(socket.lastSeqOf(CALL)).toBe(5);
  });

  it('accepts the events of a new call that reuses an id after a server restart', async () => {
    await startService();
    socket.watchAllCalls();
    const first = await peer.connection(0);
    first.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: CALL, startedAt: STARTED_AT }) });
    first.send(transcript(30));
    await eventually(() => socket.lastSeqOf(CALL) === 30, 'socket.lastSeqOf(CALL) === 30');

    first.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: CALL, startedAt: '2026-03-02T11:00:00.000Z' }) });
    first.send(transcript(2));
    await eventually(() => socket.lastSeqOf(CALL) === 2, 'socket.lastSeqOf(CALL) === 2');
    expect(seqsOf(delivered)).toEqual([1, 30, 1, 2]);
  });

  it('unsubscribes when the last watcher of a call lets go', async () => {
    await startService();
    const releaseBoard = socket.watchCall(CALL);
    const releaseAgent = socket.watchCall(CALL);
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe(CALL));
    releaseBoard();
    releaseBoard();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(connection.received.some(isUnsubscribe(CALL))).toBe(false);
    releaseAgent();
    await connection.waitFor(isUnsubscribe(CALL));
    expect(connection.received.filter((message) => message.type === 'subscribe')).toHaveLength(1);
  });

  it('logs and skips frames that are not server messages, and keeps the connection', async () => {
    await startService();
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    socket.connect();
    const connection = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    connection.sendRaw('not json');
    connection.sendRaw('{"type":"transcript","callId":"call-1"}');
    connection.send({ type: 'pong', serverTime: new Date().toISOString() });
    await eventually(() => delivered.some((message) => message.type === 'pong'), "delivered.some((message) => message.type === 'pong')");

    expect(errors.mock.calls.map((call) => call[0])).toEqual([
      'TnT socket: ignored a frame that is not JSON',
      'TnT socket: ignored a malformed server message',
    ]);
    expect(socket.state()).toBe('connected');
    errors.mockRestore();
  });

  it('never gives up while the server is away, and connects by itself when it is back on the same port', async () => {
    const port = peer.port;
    await peer.stop();
    let attempts = 0;
    await startService({
      url: `ws://127.0.0.1:${port}/ws`,
      backoffMs: [10],
      maxBackoffMs: 40,
      createWebSocket: (url, protocols) => (attempts++, new WebSocket(url, protocols)),
    });
    socket.watchCall(CALL);
    await eventually(() => attempts >= 20, 'attempts >= 20', { timeoutMs: 10_000 });
    expect(socket.state()).toBe('reconnecting');

    peer = await ProtocolTestPeer.start({ port });
    const connection = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    expect(await connection.waitFor(isSubscribe(CALL))).toEqual({ type: 'subscribe', callId: CALL });
  });
});
