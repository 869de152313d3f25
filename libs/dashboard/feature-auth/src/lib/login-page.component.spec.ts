import { provideHttpClient } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { ownAgentViewOnly, requireSignIn, signedOutOnly, supervisorsOnly } from './auth.guards';
import { FULL_PAGE_LOAD } from './full-page-load';
import { LoginPageComponent } from './login-page.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

@Component({ selector: 'tnt-test-page', template: '<h1>signed-in page</h1>' })
class TestPageComponent {}

const ROUTES: Routes = [
  { path: 'login', canActivate: [signedOutOnly], component: LoginPageComponent },
  {
    path: '',
    canActivateChild: [requireSignIn],
    children: [
      { path: '', pathMatch: 'full', canActivate: [supervisorsOnly], component: TestPageComponent },
      { path: 'calls/:id', component: TestPageComponent },
      { path: 'agent/:agentId', canActivate: [ownAgentViewOnly], component: TestPageComponent },
    ],
  },
];

describe('LoginPageComponent', () => {
  let peer: AuthTestPeer;
  let harness: RouterTestingHarness;
  let pagesLoaded: string[];

  const page = () => harness.routeNativeElement as HTMLElement;
  const url = () => TestBed.inject(Router).url;
  const alertText = () => page().querySelector('[role="alert"]')?.textContent?.trim() ?? '';
  const buttonText = () => page().querySelector('button[type="submit"]')?.textContent?.trim();

  async function submit(username: string, password: string): Promise<void> {
    for (const [name, value] of [
      ['username', username],
      ['password', password],
    ]) {
      const input = page().querySelector(`input[name="${name}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    (page().querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
  }

  beforeEach(async () => {
    peer = await AuthTestPeer.start([
      { username: 'sam', password: 'sam-password', role: 'supervisor' },
      { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-1' },
    ]);
    pagesLoaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideAuth({ apiUrl: peer.apiUrl }),
        provideRouter(ROUTES, withComponentInputBinding()),
        { provide: FULL_PAGE_LOAD, useValue: (loaded: string) => pagesLoaded.push(loaded) },
      ],
    });
    harness = await RouterTestingHarness.create();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
  });

  it('signs a supervisor in and opens the board', async () => {
    await harness.navigateByUrl('/login');
    expect(page().querySelector('h1')?.textContent).toBe('Sign in to TnT');

    await submit('sam', 'sam-password');

    await eventually(() => url() === '/', "url() === '/'");
    expect(TestBed.inject(AuthStore).session()?.username).toBe('sam');
    expect(pagesLoaded).toEqual([]);
  });

  it('signs an agent in and opens its own view', async () => {
    await harness.navigateByUrl('/login');
    await submit('ana', 'ana-password');

    await eventually(() => url() === '/agent/agent-1', "url() === '/agent/agent-1'");
  });

  it('goes back to the page that asked for the sign-in', async () => {
    await harness.navigateByUrl('/calls/abc');
    expect(url()).toBe('/login?returnUrl=%2Fcalls%2Fabc');

    await submit('sam', 'sam-password');

    await eventually(() => url() === '/calls/abc', "url() === '/calls/abc'");
  });

  it('ignores a return URL that would leave the dashboard', async () => {
    await harness.navigateByUrl('/login?returnUrl=%2F%2Fevil.example%2Fx');
    await submit('sam', 'sam-password');

    await eventually(() => url() === '/', "url() === '/'");
    expect(pagesLoaded).toEqual([]);
  });

  it('announces a wrong password and stays on the sign-in page', async () => {
    await harness.navigateByUrl('/login');
    await submit('sam', 'not-the-password');

    await eventually(() => alertText() !== '', "alertText() !== ''");
    expect(alertText()).toBe('That username and password do not match an account. Check both and try again.');
    expect(url()).toBe('/login');
    expect(TestBed.inject(AuthStore).signedIn()).toBe(false);
  });

  it('says how long to wait after too many attempts, counts down on the button, then lets the person try again', async () => {
    peer.rateLimit(2);
    await harness.navigateByUrl('/login');
    await submit('sam', 'sam-password');

    await eventually(() => alertText() !== '', "alertText() !== ''");
    expect(alertText()).toBe('Too many sign-in attempts. Wait 2 seconds, then try again.');
    expect(buttonText()).toBe('Try again in 2 s');
    await submit('sam', 'sam-password');
    expect(peer.requests.filter((request) => request.path === '/api/auth/login')).toHaveLength(1);

    await eventually(() => buttonText() === 'Try again in 1 s', "buttonText() === 'Try again in 1 s'");
    await eventually(() => buttonText() === 'Sign in', "buttonText() === 'Sign in'", { timeoutMs: 2500 });
    peer.stopRateLimiting();
    await submit('sam', 'sam-password');
    await eventually(() => url() === '/', "url() === '/'");
  });

  it('says the server cannot be reached when nothing answers', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await harness.navigateByUrl('/login');
    await peer.stop();
    await submit('sam', 'sam-password');

    await eventually(() => alertText() !== '', "alertText() !== ''");
    expect(alertText()).toContain('The TnT server cannot be reached.');
    expect(buttonText()).toBe('Sign in');
    errors.mockRestore();
  });

  it('after the session expired: says so, offers the same username, and returns to the page without reloading it', async () => {
    const store = TestBed.inject(AuthStore);
    await store.signIn('sam', 'sam-password');
    await harness.navigateByUrl('/calls/abc');
    store.endSession('expired', store.token() ?? '');
    await harness.navigateByUrl('/login?returnUrl=%2Fcalls%2Fabc');

    expect(page().querySelector('[role="status"]')?.textContent?.trim()).toBe(
      'Your session expired. Sign in again to continue where you left off.',
    );
    expect((page().querySelector('input[name="username"]') as HTMLInputElement).value).toBe('sam');
    await submit('sam', 'sam-password');

    await eventually(() => url() === '/calls/abc', "url() === '/calls/abc'");
    expect(pagesLoaded).toEqual([]);
  });

  it('loads the page afresh when someone else signs in after a session expired, so nothing of the previous user stays', async () => {
    const store = TestBed.inject(AuthStore);
    await store.signIn('sam', 'sam-password');
    store.endSession('expired', store.token() ?? '');
    await harness.navigateByUrl('/login?returnUrl=%2Fcalls%2Fabc');

    await submit('ana', 'ana-password');

    await eventually(() => pagesLoaded.length === 1, 'pagesLoaded.length === 1');
    expect(pagesLoaded).toEqual(['/calls/abc']);
    expect(store.session()?.username).toBe('ana');
  });
});
