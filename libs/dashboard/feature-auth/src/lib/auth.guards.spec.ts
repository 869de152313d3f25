import { provideHttpClient } from '@angular/common/http';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { ownAgentViewOnly, requireSignIn, signedOutOnly, supervisorsOnly } from './auth.guards';

@Component({ selector: 'tnt-test-page', template: 'page' })
class TestPageComponent {}

const ROUTES: Routes = [
  { path: 'login', canActivate: [signedOutOnly], component: TestPageComponent },
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

describe('route guards', () => {
  let peer: AuthTestPeer;
  let harness: RouterTestingHarness;

  async function landsOn(url: string): Promise<string> {
    await harness.navigateByUrl(url);
    return TestBed.inject(Router).url;
  }

  beforeEach(async () => {
    peer = await AuthTestPeer.start([
      { username: 'sam', password: 'sam-password', role: 'supervisor' },
      { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-1' },
    ]);
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideAuth({ apiUrl: peer.apiUrl }), provideRouter(ROUTES)] });
    harness = await RouterTestingHarness.create();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await peer.stop();
  });

  it('sends someone signed out to the sign-in page, remembering where they were headed', async () => {
    expect(await landsOn('/calls/abc')).toBe('/login?returnUrl=%2Fcalls%2Fabc');
    expect(await landsOn('/')).toBe('/login');
  });

  it('lets a supervisor open the board, any call and any agent view', async () => {
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');

    expect(await landsOn('/')).toBe('/');
    expect(await landsOn('/calls/abc')).toBe('/calls/abc');
    expect(await landsOn('/agent/agent-2')).toBe('/agent/agent-2');
  });

  it("sends an agent from the board and from another agent's view to its own view", async () => {
    await TestBed.inject(AuthStore).signIn('ana', 'ana-password');

    expect(await landsOn('/')).toBe('/agent/agent-1');
    expect(await landsOn('/agent/agent-2')).toBe('/agent/agent-1');
    expect(await landsOn('/agent/agent-1')).toBe('/agent/agent-1');
  });

  it('lets an agent open a call page, where the server shows only its own calls', async () => {
    await TestBed.inject(AuthStore).signIn('ana', 'ana-password');

    expect(await landsOn('/calls/abc')).toBe('/calls/abc');
  });

  it('sends someone signed in away from the sign-in page, to where they were headed or home', async () => {
    await TestBed.inject(AuthStore).signIn('ana', 'ana-password');

    expect(await landsOn('/login')).toBe('/agent/agent-1');
    expect(await landsOn('/login?returnUrl=%2Fcalls%2Fabc')).toBe('/calls/abc');
    expect(await landsOn('/login?returnUrl=%2F%2Fevil.example')).toBe('/agent/agent-1');
  });
});
