import { TestBed } from '@angular/core/testing';
import type { ClientMessage, ServerMessage, SubscribeMessage } from '@tnt/protocol';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { ProtocolTestPeer } from '../testing';
import { SOCKET_CREDENTIALS, type SessionEndReason, type SocketCredentials, type TokenStatus } from './socket-credentials';
import { provideTranscriptSocket } from './socket-options';
import { TranscriptSocketService } from './transcript-socket.service';
import { eventually } from '@tnt/shared/util-testing/eventually';

const CALL = 'call-1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isSubscribe = (message: ClientMessage): message is SubscribeMessage => message.type === 'subscribe' && message.callId === CALL;
const transcript = (seq: number): ServerMessage => ({
  type: 'transcript',
  callId: CALL,
  seq,
  transcript: aSegment({ id: `u${seq}`, text: `line ${seq}` }),
});

/**
 * The server's view of tokens, shared by the WebSocket peer (which refuses upgrades with a token
 * it does not accept) and the credentials' `checkToken` (the spec's stand-in for `/api/auth/me`;
 * the real HTTP path is covered in data-access-auth).
 */
class TokenLedger {
  readonly valid = new Set<string>();
  readonly expired = new Set<string>();

  statusOf(token: string): TokenStatus {
    if (this.valid.has(token)) return 'valid';
    return this.expired.has(token) ? 'expired' : 'rejected';
  }

  expire(token: string): void {
    this.valid.delete(token);
    this.expired.add(token);
  }
}

/** The spec's signed-in user: the token it holds, the server's answers about tokens, and the sessions it was told ended. */
class LedgerCredentials implements SocketCredentials {
  current: string | undefined;
  /** When set, `checkToken` fails like a request that got no answer. */
  unreachable = false;
  readonly checked: string[] = [];
  readonly ended: [SessionEndReason, string][] = [];

  constructor(private readonly ledger: TokenLedger) {}

  token(): string | undefined {
    return this.current;
  }

  async checkToken(token: string): Promise<TokenStatus> {
    this.checked.push(token);
    if (this.unreachable) throw new Error('connection refused');
    return this.ledger.statusOf(token);
  }

  sessionEnded(reason: SessionEndReason, token: string): void {
    this.ended.push([reason, token]);
    if (this.current === token) this.current = undefined;
  }
}

describe('TranscriptSocketService with a signed-in user (real WebSocket peer checking tokens)', () => {
  let ledger: TokenLedger;
  let credentials: LedgerCredentials;
  let peer: ProtocolTestPeer;
  let socket: TranscriptSocketService;

  function startService(): void {
    TestBed.configureTestingModule({
      providers: [
        provideTranscriptSocket({ url: peer.url, backoffMs: [30], jitterRatio: 0, promptReconnectMs: 10 }),
        { provide: SOCKET_CREDENTIALS, useValue: credentials },
      ],
    });
    socket = TestBed.inject(TranscriptSocketService);
  }

  beforeEach(async () => {
    ledger = new TokenLedger();
    ledger.valid.add('token-1');
    credentials = new LedgerCredentials(ledger);
    credentials.current = 'token-1';
    peer = await ProtocolTestPeer.start({ acceptsToken: (token) => token !== undefined && ledger.valid.has(token) });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it('presents the token as the bearer subprotocol and keeps it out of the URL', async () => {
    startService();
    socket.connect();
    const connection = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    expect(connection.token).toBe('token-1');
    expect(connection.socket.protocol).toBe('bearer');
    expect(connection.url).toBe('/ws');
  });

  it('asks the server about a refused token and, when it expired, ends the session instead of retrying', async () => {
    ledger.expire('token-1');
    startService();
    socket.connect();

    await eventually(() => credentials.ended.length === 1, 'credentials.ended.length === 1');
    expect(credentials.checked).toEqual(['token-1']);
    expect(credentials.ended).toEqual([['expired', 'token-1']]);
    expect(socket.state()).toBe('disconnected');
    expect(socket.lastProblem()).toBe('the session expired; sign in again');
    await sleep(150); // five backoff steps
    expect(peer.refusedUpgrades).toEqual(['token-1']);
  });

  it('ends the session as rejected when the server does not know the token at all', async () => {
    credentials.current = 'forged-token';
    startService();
    socket.connect();

    await eventually(() => credentials.ended.length === 1, 'credentials.ended.length === 1');
    expect(credentials.ended).toEqual([['rejected', 'forged-token']]);
    expect(socket.lastProblem()).toBe('the server no longer accepts this sign-in');
  });

  it('keeps retrying with backoff when the upgrade failed but the token is fine (the network, not the session)', async () => {
    const port = peer.port;
    await peer.stop();
    startService();
    socket.connect();
    await eventually(() => credentials.checked.length >= 2, 'credentials.checked.length >= 2');
    expect(socket.state()).toBe('reconnecting');

    peer = await ProtocolTestPeer.start({ port, acceptsToken: (token) => token !== undefined && ledger.valid.has(token) });
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    expect(credentials.ended).toEqual([]);
  });

  it('retries as usual when the server cannot be asked about the token', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const port = peer.port;
    await peer.stop();
    credentials.unreachable = true;
    startService();
    socket.connect();
    await eventually(() => credentials.checked.length >= 2, 'credentials.checked.length >= 2');

    expect(errors).toHaveBeenCalledWith('TnT socket: could not ask the server about the token; retrying as usual', expect.any(Error));
    expect(credentials.ended).toEqual([]);
    peer = await ProtocolTestPeer.start({ port, acceptsToken: () => true });
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    errors.mockRestore();
  });

  it('ends the session when the server says TOKEN_EXPIRED on an open socket, and does not reconnect with that token', async () => {
    startService();
    socket.watchCall(CALL);
    const connection = await peer.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    ledger.expire('token-1');
    connection.expireToken();
    await eventually(() => socket.state() === 'disconnected', "socket.state() === 'disconnected'");
    expect(credentials.ended).toEqual([['expired', 'token-1']]);
    await connection.closed;
    await sleep(150);
    expect(peer.connections).toHaveLength(1);
    expect(peer.refusedUpgrades).toEqual([]);
  });

  it('resumes with since on the new token after signing in again, delivering each missed event once', async () => {
    startService();
    const delivered: number[] = [];
    socket.transcripts$.subscribe((message) => delivered.push(message.seq));
    const releaseView = socket.watchCall(CALL);
    const first = await peer.connection(0);
    await first.waitFor(isSubscribe);
    first.send({ type: 'subscribed', callId: CALL, lastSeq: 2 });
    first.send({ type: 'snapshot', callId: CALL, seq: 2, call: aCallInfo({ id: CALL }), transcript: [] });
    first.send(transcript(3));
    await eventually(() => socket.lastSeqOf(CALL) === 3, 'socket.lastSeqOf(CALL) === 3');
    ledger.expire('token-1');
    first.expireToken();
    await eventually(() => credentials.ended.length === 1, 'credentials.ended.length === 1');
    // The view goes away while the sign-in page shows, then comes back.
    releaseView();

    ledger.valid.add('token-2');
    credentials.current = 'token-2';
    socket.watchCall(CALL);
    const second = await peer.connection(1);
    expect(second.token).toBe('token-2');
    expect(await second.waitFor(isSubscribe)).toEqual({ type: 'subscribe', callId: CALL, since: 3 });
    second.send({ type: 'subscribed', callId: CALL, lastSeq: 5, recovered: true });
    for (const seq of [3, 4, 5]) second.send(transcript(seq));
    await eventually(() => socket.lastSeqOf(CALL) === 5, 'socket.lastSeqOf(CALL) === 5');

    expect(delivered).toEqual([3, 4, 5]);
  });

  it('does not connect while nobody is signed in', async () => {
    credentials.current = undefined;
    startService();
    socket.watchAllCalls();

    expect(socket.state()).toBe('disconnected');
    expect(socket.lastProblem()).toBe('nobody is signed in');
    await sleep(100);
    expect(peer.connections).toHaveLength(0);
    expect(credentials.checked).toEqual([]);
  });

  it('drops the answer about a token when the dashboard closed the socket while asking', async () => {
    let answer: (status: TokenStatus) => void = () => undefined;
    credentials.checkToken = (token) => {
      credentials.checked.push(token);
      return new Promise((resolve) => (answer = resolve));
    };
    ledger.expire('token-1');
    startService();
    socket.connect();
    await eventually(() => credentials.checked.length === 1, 'credentials.checked.length === 1');

    socket.disconnect();
    answer('expired');
    await sleep(50);
    expect(credentials.ended).toEqual([]);
    expect(socket.state()).toBe('disconnected');
    expect(socket.lastProblem()).toBe('closed by the dashboard');
  });
});
