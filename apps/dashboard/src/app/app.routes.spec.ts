import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { appConfig } from './app.config';

describe('dashboard routes', () => {
  let harness: RouterTestingHarness;
  let peer: ProtocolTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideTranscriptSocket({ url: peer.url })] });
    harness = await RouterTestingHarness.create();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  function renderedHeading(): string | undefined {
    return harness.routeNativeElement?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
  }

  it('renders the supervisor board at /', async () => {
    await harness.navigateByUrl('/');

    expect(renderedHeading()).toBe('Supervisor board');
    expect(TestBed.inject(Title).getTitle()).toBe('Supervisor board · TnT');
  });

  it('renders the call view with the call id from /calls/abc', async () => {
    await harness.navigateByUrl('/calls/abc');

    expect(renderedHeading()).toBe('Call abc');
    expect(TestBed.inject(Title).getTitle()).toBe('Call abc · TnT');
  });

  it('renders the agent view with the agent id from /agent/agent-7', async () => {
    await harness.navigateByUrl('/agent/agent-7');

    expect(renderedHeading()).toBe('Agent agent-7');
    expect(TestBed.inject(Title).getTitle()).toBe('Agent agent-7 · TnT');
  });

  it('updates the call id when navigating from one call to another', async () => {
    await harness.navigateByUrl('/calls/first');
    await harness.navigateByUrl('/calls/second');

    expect(renderedHeading()).toBe('Call second');
  });

  it('redirects an unknown url to the supervisor board', async () => {
    await harness.navigateByUrl('/no/such/page');

    expect(TestBed.inject(Router).url).toBe('/');
    expect(renderedHeading()).toBe('Supervisor board');
  });
});
