import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { ClientMessage, SubscribeMessage } from '@tnt/protocol';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { HISTORY_API_URL } from '@tnt/dashboard/data-access-history';
import { HistoryTestPeer } from '@tnt/dashboard/data-access-history/testing';
import { TranscriptSocketService, provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { FULL_PAGE_LOAD } from '@tnt/dashboard/feature-auth';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { AppComponent } from './app.component';
import { appConfig } from './app.config';
import { eventually } from '@tnt/shared/util-testing/eventually';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;

describe('AppComponent', () => {
  let peer: ProtocolTestPeer;
  let auth: AuthTestPeer;
  let pagesLoaded: string[];

  beforeEach(async () => {
    auth = await AuthTestPeer.start([
      { username: 'sam', password: 'sam-password', role: 'supervisor' },
      { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-7' },
    ]);
    peer = await ProtocolTestPeer.start({ acceptsToken: (token) => auth.accepts(token) });
    pagesLoaded = [];
    TestBed.configureTestingModule({
      providers: [
        ...appConfig.providers,
        provideHttpClient(),
        provideAuth({ apiUrl: auth.apiUrl }),
        provideTranscriptSocket({ url: peer.url, backoffMs: [30], jitterRatio: 0 }),
        { provide: FULL_PAGE_LOAD, useValue: (url: string) => pagesLoaded.push(url) },
      ],
    });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
    await auth.stop();
  });

  const signIn = (username: string, password: string) => TestBed.inject(AuthStore).signIn(username, password);

  it("shows the product name in the header with a link to the person's start page", async () => {
    await signIn('ana', 'ana-password');
    const fixture = TestBed.createComponent(AppComponent);
    await fixture.whenStable();

    const brand = fixture.nativeElement.querySelector('header .brand') as HTMLAnchorElement;
    expect(brand.textContent?.trim()).toBe('TnT');
    expect(brand.getAttribute('href')).toBe('/agent/agent-7');
  });

  it('offers keyboard users a skip link to the page content', () => {
    const fixture = TestBed.createComponent(AppComponent);
    fixture.detectChanges();
    const host = fixture.nativeElement as HTMLElement;
    const skip = host.querySelector('a.skip-link') as HTMLAnchorElement;
    expect(host.firstElementChild).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main-content');
    expect(host.querySelector('main')?.id).toBe('main-content');
  });

  it('shows only the sign-in page to someone signed out: no navigation, account or connection banner', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;

    expect(TestBed.inject(Router).url).toBe('/login');
    expect(host.querySelector('main h1')?.textContent).toBe('Sign in to TnT');
    expect(host.querySelector('nav')).toBeNull();
    expect(host.querySelector('tnt-account-status')).toBeNull();
    expect(host.querySelector('tnt-connection-banner')).toBeNull();
  });

  it('shows who is signed in with the role, and marks the active nav link', async () => {
    await signIn('sam', 'sam-password');
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('header .who')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Signed in as sam, role Supervisor');
    expect(host.querySelector('main tnt-supervisor-board h1')?.textContent?.trim()).toBe('Supervisor board');
    const activeLink = host.querySelector('nav a.active');
    expect(activeLink?.textContent?.trim()).toBe('Supervisor board');
    expect(activeLink?.getAttribute('aria-current')).toBe('page');
    expect(host.querySelector('nav a[href="/rules"]')?.textContent?.trim()).toBe('Rules');
    expect(host.querySelector('nav a[href="/language"]')?.textContent?.trim()).toBe('Language');
  });

  it("names an agent's start page 'My calls'", async () => {
    await signIn('ana', 'ana-password');
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();

    const link = (fixture.nativeElement as HTMLElement).querySelector('nav a.active');
    expect(link?.textContent?.trim()).toBe('My calls');
    expect(link?.getAttribute('href')).toBe('/agent/agent-7');
    expect((fixture.nativeElement as HTMLElement).querySelector('nav a[href="/rules"]')).toBeNull();
    expect((fixture.nativeElement as HTMLElement).querySelector('nav a[href="/language"]')).toBeNull();
  });

  it('leaves the board link inactive while a call is open', async () => {
    await signIn('sam', 'sam-password');
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/calls/abc');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('main h1')?.textContent?.trim()).toBe('Call abc');
    expect(host.querySelector('nav a.active')).toBeNull();
  });

  it('shows no connection banner on a direct load of the history page, which needs no live updates, and does on the board', async () => {
    const history = await HistoryTestPeer.start([], () => 'valid');
    TestBed.overrideProvider(HISTORY_API_URL, { useValue: history.apiUrl });
    await signIn('sam', 'sam-password');
    const fixture = TestBed.createComponent(AppComponent);
    const host = fixture.nativeElement as HTMLElement;
    await TestBed.inject(Router).navigateByUrl('/history');
    // Judged once the page has settled (its search answered), when a false "Disconnected" would show.
    await eventually(
      () => (fixture.detectChanges(), host.querySelector('section.results[aria-busy="false"]') !== null),
      '(fixture.detectChanges(), host.querySelector(\'section.results[aria-busy="false"]\') !=...',
    );
    await history.stop();
    expect(host.querySelector('main h1')?.textContent?.trim()).toBe('Call history');
    expect(host.querySelector('tnt-connection-banner')).toBeNull();
    expect(peer.connections).toHaveLength(0);

    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();
    expect(host.querySelector('tnt-connection-banner')).not.toBeNull();
    await peer.connection(0);
  });

  it('shows the connection banner under the header on the live pages', async () => {
    await signIn('sam', 'sam-password');
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    const socket = TestBed.inject(TranscriptSocketService);
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'");
    await fixture.whenStable();
    const banner = (fixture.nativeElement as HTMLElement).querySelector('tnt-connection-banner');
    expect(banner?.getAttribute('data-state')).toBe('connected');

    (await peer.connection(0)).terminate();
    await eventually(() => socket.state() === 'reconnecting', "socket.state() === 'reconnecting'");
    await fixture.whenStable();
    expect(banner?.getAttribute('data-state')).toBe('reconnecting');
    expect(banner?.textContent).toContain('Connection lost.');
  });

  it('shows the sign-in page when the session expires, and after signing in again resumes the call with since', async () => {
    await signIn('sam', 'sam-password');
    const fixture = TestBed.createComponent(AppComponent);
    const host = fixture.nativeElement as HTMLElement;
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/calls/abc');
    const first = await peer.connection(0);
    await first.waitFor(isSubscribe('abc'));
    first.send({ type: 'subscribed', callId: 'abc', lastSeq: 4 });
    first.send({
      type: 'snapshot',
      callId: 'abc',
      seq: 4,
      call: aCallInfo({ id: 'abc' }),
      transcript: [aSegment({ id: 'u1', text: 'Hello there.' })],
    });
    await eventually(
      () => (fixture.detectChanges(), host.querySelector('li[data-segment-id="u1"]') !== null),
      '(fixture.detectChanges(), host.querySelector(\'li[data-segment-id="u1"]\') !== null)',
    );

    auth.expire(TestBed.inject(AuthStore).token() ?? '');
    first.expireToken();
    await eventually(() => router.url === '/login?returnUrl=%2Fcalls%2Fabc', "router.url === '/login?returnUrl=%2Fcalls%2Fabc'");
    await fixture.whenStable();
    expect(host.querySelector('main [role="status"]')?.textContent?.trim()).toBe(
      'Your session expired. Sign in again to continue where you left off.',
    );
    expect((host.querySelector('input[name="username"]') as HTMLInputElement).value).toBe('sam');

    const password = host.querySelector('input[name="password"]') as HTMLInputElement;
    password.value = 'sam-password';
    password.dispatchEvent(new Event('input'));
    (host.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await eventually(() => router.url === '/calls/abc', "router.url === '/calls/abc'");
    const second = await peer.connection(1);
    expect(await second.waitFor(isSubscribe('abc'))).toEqual({ type: 'subscribe', callId: 'abc', since: 4 });
    second.send({ type: 'subscribed', callId: 'abc', lastSeq: 5, recovered: true });
    second.send({
      type: 'transcript',
      callId: 'abc',
      seq: 5,
      transcript: aSegment({ id: 'u2', text: 'Said while signed out.', startMs: 4000 }),
    });
    await eventually(
      () => (fixture.detectChanges(), host.querySelectorAll('li[data-segment-id]').length === 2),
      "(fixture.detectChanges(), host.querySelectorAll('li[data-segment-id]').length === 2)",
    );

    expect([...host.querySelectorAll('li .text')].map((line) => line.textContent?.trim())).toEqual([
      'Hello there.',
      'Said while signed out.',
    ]);
    expect(pagesLoaded).toEqual([]);
  });
});
