import { TestBed } from '@angular/core/testing';
import { TranscriptSocketService, provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { ConnectionStatusComponent } from './connection-status.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

describe('ConnectionStatusComponent with a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it('shows reconnecting with a countdown when the connection drops, and clears once it is back', async () => {
    TestBed.configureTestingModule({ providers: [provideTranscriptSocket({ url: peer.url, backoffMs: [3000], jitterRatio: 0 })] });
    const fixture = TestBed.createComponent(ConnectionStatusComponent);
    const banner = () => fixture.nativeElement.querySelector('tnt-connection-banner') as HTMLElement;
    const socket = TestBed.inject(TranscriptSocketService);
    socket.watchAllCalls();
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'", { timeoutMs: 5000 });
    await fixture.whenStable();
    expect(banner().getAttribute('data-state')).toBe('connected');

    (await peer.connection(0)).terminate();
    await eventually(() => socket.state() === 'reconnecting', "socket.state() === 'reconnecting'", { timeoutMs: 5000 });
    await fixture.whenStable();
    expect(banner().getAttribute('data-state')).toBe('reconnecting');
    const countdown = () => banner().querySelector('.countdown')?.textContent ?? '';
    await eventually(() => (fixture.detectChanges(), /\d/.test(countdown())), '(fixture.detectChanges(), /\\d/.test(countdown()))', {
      timeoutMs: 5000,
    });
    expect(countdown()).toMatch(/^Reconnecting in [23] s…$/);

    (banner().querySelector('button') as HTMLButtonElement).click();
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'", { timeoutMs: 5000 });
    await fixture.whenStable();
    expect(banner().getAttribute('data-state')).toBe('connected');
    expect(peer.connections).toHaveLength(2);
  });

  it('shows disconnected with a retry button that connects again', async () => {
    TestBed.configureTestingModule({ providers: [provideTranscriptSocket({ url: peer.url })] });
    const fixture = TestBed.createComponent(ConnectionStatusComponent);
    const socket = TestBed.inject(TranscriptSocketService);
    socket.watchCall('call-1');
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'", { timeoutMs: 5000 });
    // What ends a session (an expired sign-in) stops the socket while the page still watches.
    socket.disconnect();
    await fixture.whenStable();
    const alert = fixture.nativeElement.querySelector('[role="alert"]') as HTMLElement;
    expect(alert.textContent).toContain('Disconnected.');

    (alert.querySelector('button') as HTMLButtonElement).click();
    await eventually(() => socket.state() === 'connected', "socket.state() === 'connected'", { timeoutMs: 5000 });
    expect(peer.connections).toHaveLength(2);
  });

  it('shows no banner while no view watches a call, and shows it once one does', async () => {
    TestBed.configureTestingModule({ providers: [provideTranscriptSocket({ url: peer.url })] });
    const fixture = TestBed.createComponent(ConnectionStatusComponent);
    const socket = TestBed.inject(TranscriptSocketService);
    await fixture.whenStable();
    expect(socket.state()).toBe('disconnected');
    expect(fixture.nativeElement.querySelector('tnt-connection-banner')).toBeNull();

    const release = socket.watchAllCalls();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('tnt-connection-banner')).not.toBeNull();
    release();
    await fixture.whenStable();
    expect(fixture.nativeElement.querySelector('tnt-connection-banner')).toBeNull();
  });
});
