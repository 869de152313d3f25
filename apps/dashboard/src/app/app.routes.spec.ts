import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { appConfig } from './app.config';

describe('dashboard routes', () => {
  let harness: RouterTestingHarness;
  let peer: ProtocolTestPeer;
  let auth: AuthTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    auth = await AuthTestPeer.start([
      { username: 'sam', password: 'sam-password', role: 'supervisor' },
      { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-7' },
    ]);
    TestBed.configureTestingModule({
      providers: [
        ...appConfig.providers,
        provideHttpClient(),
        provideAuth({ apiUrl: auth.apiUrl }),
        provideTranscriptSocket({ url: peer.url }),
      ],
    });
    harness = await RouterTestingHarness.create();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await auth.stop();
    await peer.stop();
  });

  function renderedHeading(): string | undefined {
    return harness.routeNativeElement?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  }
  const signIn = (username: string, password: string) => TestBed.inject(AuthStore).signIn(username, password);

  it('renders the sign-in page at /login', async () => {
    await harness.navigateByUrl('/login');

    expect(renderedHeading()).toBe('Sign in to TnT');
    expect(TestBed.inject(Title).getTitle()).toBe('Sign in · TnT');
  });

  it('sends someone signed out from any page to the sign-in page, which brings them back', async () => {
    await harness.navigateByUrl('/calls/abc');

    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fcalls%2Fabc');
    expect(renderedHeading()).toBe('Sign in to TnT');
  });

  it('renders the supervisor board at / for a supervisor', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/');

    expect(renderedHeading()).toBe('Supervisor board');
    expect(TestBed.inject(Title).getTitle()).toBe('Supervisor board · TnT');
  });

  it('renders the call view with the call id from /calls/abc', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/calls/abc');

    expect(renderedHeading()).toBe('Call abc');
    expect(TestBed.inject(Title).getTitle()).toBe('Call abc · TnT');
  });

  it('renders any agent view for a supervisor, with the agent id from /agent/agent-7', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/agent/agent-7');

    expect(renderedHeading()).toBe('Agent agent-7');
    expect(TestBed.inject(Title).getTitle()).toBe('Agent agent-7 · TnT');
  });

  it("keeps an agent on its own view: the board and other agents' views lead there", async () => {
    await signIn('ana', 'ana-password');
    await harness.navigateByUrl('/');
    expect(TestBed.inject(Router).url).toBe('/agent/agent-7');
    expect(renderedHeading()).toBe('Agent agent-7');

    await harness.navigateByUrl('/agent/agent-1');
    expect(TestBed.inject(Router).url).toBe('/agent/agent-7');
  });

  it('renders the Cards page at /cards for a supervisor and keeps agents out', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/cards');
    expect(renderedHeading()).toBe('Cards');
    expect(TestBed.inject(Title).getTitle()).toBe('Cards · TnT');
    TestBed.inject(AuthStore).signOut();
    await signIn('ana', 'ana-password');
    // From another page: the router ignores a navigation to the url it is already on.
    await harness.navigateByUrl('/');
    await harness.navigateByUrl('/cards');
    expect(TestBed.inject(Router).url).toBe('/agent/agent-7');
  });

  it('renders the Language page at /language for a supervisor and keeps agents out', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/language');
    expect(renderedHeading()).toBe('Language');
    expect(TestBed.inject(Title).getTitle()).toBe('Language · TnT');
    TestBed.inject(AuthStore).signOut();
    await signIn('ana', 'ana-password');
    await harness.navigateByUrl('/');
    await harness.navigateByUrl('/language');
    expect(TestBed.inject(Router).url).toBe('/agent/agent-7');
  });

  it('updates the call id when navigating from one call to another', async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/calls/first');
    await harness.navigateByUrl('/calls/second');

    expect(renderedHeading()).toBe('Call second');
  });

  it("redirects an unknown url to the person's start page", async () => {
    await signIn('sam', 'sam-password');
    await harness.navigateByUrl('/no/such/page');

    expect(TestBed.inject(Router).url).toBe('/');
    expect(renderedHeading()).toBe('Supervisor board');
  });
});
