import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { TranscriptSocketService, provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { AuthTestPeer } from '../testing';
import { AuthStore } from './auth.store';
import { provideAuth } from './provide-auth';
import { eventually } from '@tnt/shared/util-testing/eventually';

const SUPERVISOR = { username: 'sam', password: 'correct horse battery', role: 'supervisor' as const };

describe('the UI socket signed in through the auth store (real HTTP and WebSocket peers)', () => {
  let auth: AuthTestPeer;
  let gateway: ProtocolTestPeer;
  let store: AuthStore;
  let socket: TranscriptSocketService;

  beforeEach(async () => {
    auth = await AuthTestPeer.start([SUPERVISOR]);
    gateway = await ProtocolTestPeer.start({ acceptsToken: (token) => auth.accepts(token) });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideAuth({ apiUrl: auth.apiUrl }),
        provideTranscriptSocket({ url: gateway.url, backoffMs: [30], jitterRatio: 0 }),
      ],
    });
    store = TestBed.inject(AuthStore);
    socket = TestBed.inject(TranscriptSocketService);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await gateway.stop();
    await auth.stop();
  });

  it('connects with the token of the signed-in user', async () => {
    await store.signIn('sam', 'correct horse battery');
    socket.connect();

    const connection = await gateway.connection(0);
    expect(connection.token).toBe(store.token());
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
  });

  it('ends the session as expired when a reconnect is refused and /api/auth/me says TOKEN_EXPIRED', async () => {
    await store.signIn('sam', 'correct horse battery');
    const token = store.token() ?? '';
    socket.connect();
    const connection = await gateway.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    auth.expire(token);
    connection.terminate();
    await eventually(() => !store.signedIn(), '!store.signedIn()');

    expect(store.endedSession()).toEqual({ reason: 'expired', username: 'sam' });
    expect(gateway.refusedUpgrades).toEqual([token]);
    expect(auth.requests.filter((request) => request.path === '/api/auth/me')).toEqual([
      { method: 'GET', path: '/api/auth/me', authorization: `Bearer ${token}` },
    ]);
    expect(socket.state()).toBe('disconnected');
  });

  it('ends the session when the open socket is told TOKEN_EXPIRED, and reconnects with the new token after signing in again', async () => {
    await store.signIn('sam', 'correct horse battery');
    socket.connect();
    const first = await gateway.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    auth.expire(store.token() ?? '');
    first.expireToken();
    await eventually(() => store.endedSession() !== undefined, 'store.endedSession() !== undefined');
    expect(store.endedSession()).toEqual({ reason: 'expired', username: 'sam' });

    await store.signIn('sam', 'correct horse battery');
    socket.connect();
    const second = await gateway.connection(1);
    expect(second.token).toBe(auth.tokensOf('sam')[1]);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
  });

  it('keeps the session when a reconnect fails only because the server is away', async () => {
    await store.signIn('sam', 'correct horse battery');
    socket.connect();
    const connection = await gateway.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    const port = gateway.port;

    await gateway.stop();
    await eventually(
      () => auth.requests.some((request) => request.path === '/api/auth/me'),
      "auth.requests.some((request) => request.path === '/api/auth/me')",
    );
    gateway = await ProtocolTestPeer.start({ port, acceptsToken: (token) => auth.accepts(token) });
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");

    expect(store.signedIn()).toBe(true);
    expect(connection.token).toBe(store.token());
    expect((await gateway.connection(0)).token).toBe(store.token());
  });
});
