import { provideHttpClient } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { provideSessionEndRedirect } from './session-end-redirect';
import { eventually } from '@tnt/shared/util-testing/eventually';

@Component({ selector: 'tnt-test-page', template: 'page' })
class TestPageComponent {}

describe('provideSessionEndRedirect', () => {
  let peer: AuthTestPeer;

  beforeEach(async () => {
    peer = await AuthTestPeer.start([{ username: 'sam', password: 'sam-password', role: 'supervisor' }]);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideAuth({ apiUrl: peer.apiUrl }),
        provideRouter([
          { path: 'login', component: TestPageComponent },
          { path: 'calls/:id', component: TestPageComponent },
        ]),
        provideSessionEndRedirect(),
      ],
    });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
  });

  it('shows the sign-in page with the current page to come back to when the session expires', async () => {
    const harness = await RouterTestingHarness.create();
    const store = TestBed.inject(AuthStore);
    await store.signIn('sam', 'sam-password');
    await harness.navigateByUrl('/calls/abc');

    store.endSession('expired', store.token() ?? '');

    await eventually(
      () => TestBed.inject(Router).url === '/login?returnUrl=%2Fcalls%2Fabc',
      "TestBed.inject(Router).url === '/login?returnUrl=%2Fcalls%2Fabc'",
    );
  });
});
