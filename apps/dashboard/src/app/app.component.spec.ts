import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { TranscriptSocketService, provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { AppComponent } from './app.component';
import { appConfig } from './app.config';

async function until(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('AppComponent', () => {
  let peer: ProtocolTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideTranscriptSocket({ url: peer.url })] });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it('shows the product name in the header with a link home', () => {
    const fixture = TestBed.createComponent(AppComponent);
    fixture.detectChanges();

    const brand = fixture.nativeElement.querySelector('header .brand') as HTMLAnchorElement;
    expect(brand.textContent?.trim()).toBe('TnT');
    expect(brand.getAttribute('href')).toBe('/');
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

  it('renders the routed page below the header and marks the active nav link', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('main tnt-supervisor-board h1')?.textContent?.trim()).toBe('Supervisor board');
    const activeLink = host.querySelector('nav a.active');
    expect(activeLink?.textContent?.trim()).toBe('Supervisor board');
    expect(activeLink?.getAttribute('aria-current')).toBe('page');
  });

  it('leaves the board link inactive while a call is open', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/calls/abc');
    await fixture.whenStable();

    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('main h1')?.textContent?.trim()).toBe('Call abc');
    expect(host.querySelector('nav a.active')).toBeNull();
  });

  it('shows the connection banner under the header on every page', async () => {
    const fixture = TestBed.createComponent(AppComponent);
    await TestBed.inject(Router).navigateByUrl('/');
    const socket = TestBed.inject(TranscriptSocketService);
    await until(() => socket.state() === 'connected');
    await fixture.whenStable();
    const banner = (fixture.nativeElement as HTMLElement).querySelector('tnt-connection-banner');
    expect(banner?.getAttribute('data-state')).toBe('connected');

    (await peer.connection(0)).terminate();
    await until(() => socket.state() === 'reconnecting');
    await fixture.whenStable();
    expect(banner?.getAttribute('data-state')).toBe('reconnecting');
    expect(banner?.textContent).toContain('Connection lost.');
  });
});
