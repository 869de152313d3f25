import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { TranscriptSocketService, provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { AccountStatusComponent } from './account-status.component';
import { FULL_PAGE_LOAD } from './full-page-load';
import { eventually } from '@tnt/shared/util-testing/eventually';

describe('AccountStatusComponent', () => {
  let auth: AuthTestPeer;
  let gateway: ProtocolTestPeer;
  let pagesLoaded: string[];

  beforeEach(async () => {
    auth = await AuthTestPeer.start([{ username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-1' }]);
    gateway = await ProtocolTestPeer.start({ acceptsToken: (token) => auth.accepts(token) });
    pagesLoaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideAuth({ apiUrl: auth.apiUrl }),
        provideTranscriptSocket({ url: gateway.url }),
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => pagesLoaded.push(url) },
      ],
    });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await gateway.stop();
    await auth.stop();
  });

  it('shows nothing while nobody is signed in', async () => {
    const fixture = TestBed.createComponent(AccountStatusComponent);
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('');
  });

  it('shows who is signed in, and signing out forgets the token, closes the socket and loads the sign-in page afresh', async () => {
    const store = TestBed.inject(AuthStore);
    await store.signIn('ana', 'ana-password');
    const socket = TestBed.inject(TranscriptSocketService);
    socket.connect();
    const connection = await gateway.connection(0);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    const fixture = TestBed.createComponent(AccountStatusComponent);
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('.who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Signed in as ana, role Agent');

    (host.querySelector('button.sign-out') as HTMLButtonElement).click();

    expect(store.session()).toBeUndefined();
    expect(sessionStorage.length).toBe(0);
    expect(socket.state()).toBe('disconnected');
    await connection.closed;
    expect(pagesLoaded).toEqual(['/login']);
  });
});
