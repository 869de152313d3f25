import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthTestPeer } from '../testing';
import { AuthStore, type EndedSession } from './auth.store';
import { provideAuth } from './provide-auth';
import { SESSION_STORAGE_KEY } from './session-persistence';

const SUPERVISOR = { username: 'sam', password: 'correct horse battery', role: 'supervisor' as const };

describe('AuthStore', () => {
  let peer: AuthTestPeer;

  function createStore(): AuthStore {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideAuth({ apiUrl: peer.apiUrl })] });
    return TestBed.inject(AuthStore);
  }

  beforeEach(async () => {
    peer = await AuthTestPeer.start([SUPERVISOR]);
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
  });

  it('signs in, keeps the session for this tab, and signs out again', async () => {
    const store = createStore();
    expect(store.signedIn()).toBe(false);

    const result = await store.signIn('sam', 'correct horse battery');

    expect(result.ok).toBe(true);
    expect(store.session()).toMatchObject({ username: 'sam', role: 'supervisor', token: peer.tokensOf('sam')[0] });
    expect(store.token()).toBe(peer.tokensOf('sam')[0]);
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? '')).toEqual(store.session());
    store.signOut();
    expect(store.signedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('restores the session stored in this tab when the page is loaded again', async () => {
    await createStore().signIn('sam', 'correct horse battery');
    TestBed.resetTestingModule();

    const reloaded = createStore();

    expect(reloaded.session()).toMatchObject({ username: 'sam', token: peer.tokensOf('sam')[0] });
  });

  it('stores nothing when the sign-in fails', async () => {
    const store = createStore();

    expect(await store.signIn('sam', 'wrong')).toEqual({ ok: false, problem: { kind: 'invalid-credentials' } });
    expect(store.session()).toBeUndefined();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('ends the session holding an expired token, remembers who it was, and tells subscribers', async () => {
    const store = createStore();
    await store.signIn('sam', 'correct horse battery');
    const ended: EndedSession[] = [];
    store.sessionEnded$.subscribe((ending) => ended.push(ending));

    store.endSession('expired', peer.tokensOf('sam')[0]);

    expect(store.session()).toBeUndefined();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(store.endedSession()).toEqual({ reason: 'expired', username: 'sam' });
    expect(ended).toEqual([{ reason: 'expired', username: 'sam' }]);
  });

  it('ignores the end of a token from an earlier session, so a late answer cannot sign out the new one', async () => {
    const store = createStore();
    await store.signIn('sam', 'correct horse battery');
    await store.signIn('sam', 'correct horse battery');
    const [earlier, current] = peer.tokensOf('sam');

    store.endSession('expired', earlier);

    expect(store.token()).toBe(current);
    expect(store.endedSession()).toBeUndefined();
  });

  it('forgets why the last session ended once the user signs out', async () => {
    const store = createStore();
    await store.signIn('sam', 'correct horse battery');
    store.endSession('rejected', peer.tokensOf('sam')[0]);

    store.signOut();

    expect(store.endedSession()).toBeUndefined();
  });
});
