import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ClientMessage, SubscribeMessage } from '@tnt/protocol';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer, type PeerConnection } from '@tnt/dashboard/data-access-socket/testing';
import { aCallInfo, anAlert, aSegment } from '@tnt/dashboard/util-model/testing';
import { SupervisorBoardComponent } from './supervisor-board.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;

describe('SupervisorBoardComponent with a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideTranscriptSocket({ url: peer.url })] });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  async function renderBoard() {
    const fixture = TestBed.createComponent(SupervisorBoardComponent);
    fixture.detectChanges();
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('*'));
    const host = fixture.nativeElement as HTMLElement;
    const settle = async (check: () => boolean) =>
      eventually(() => (fixture.detectChanges(), check()), '(fixture.detectChanges(), check())');
    return { fixture, host, connection, settle };
  }

  function startCalls(connection: PeerConnection): void {
    connection.send({ type: 'subscribed', callId: '*', calls: [] });
    connection.send({
      type: 'call',
      event: 'started',
      seq: 1,
      call: aCallInfo({ id: 'demo-1', agentId: 'agent-1', startedAt: '2026-03-02T10:00:00.000Z' }),
    });
    connection.send({
      type: 'call',
      event: 'started',
      seq: 1,
      call: aCallInfo({ id: 'demo-2', agentId: 'agent-2', startedAt: '2026-03-02T10:00:05.000Z' }),
    });
    connection.send({ type: 'transcript', callId: 'demo-2', seq: 2, transcript: aSegment({ text: 'My parcel has not arrived.' }) });
  }

  const cardIds = (host: HTMLElement, section: string) =>
    [...host.querySelectorAll(`section[aria-labelledby="${section}"] tnt-call-card`)].map((card) => card.getAttribute('data-call-id'));

  it('shows every live call with a count, newest first, and moves an ended call to recently ended', async () => {
    const { host, connection, settle } = await renderBoard();
    expect(host.querySelector('.empty')?.textContent).toBe('Loading calls…');
    startCalls(connection);
    await settle(() => cardIds(host, 'live-heading').length === 2);
    expect(cardIds(host, 'live-heading')).toEqual(['demo-2', 'demo-1']);
    expect(host.querySelector('.live-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('2 live calls');

    const ended = aCallInfo({
      id: 'demo-1',
      agentId: 'agent-1',
      startedAt: '2026-03-02T10:00:00.000Z',
      status: 'ended',
      endedAt: '2026-03-02T10:01:00.000Z',
    });
    connection.send({ type: 'call', event: 'ended', seq: 2, call: ended });
    await settle(() => cardIds(host, 'ended-heading').length === 1);
    expect(cardIds(host, 'live-heading')).toEqual(['demo-2']);
    expect(cardIds(host, 'ended-heading')).toEqual(['demo-1']);
    expect(host.querySelector('.live-count')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('1 live call');
  });

  it('filters by agent or by words said, keeping the total live count', async () => {
    const { host, connection, settle, fixture } = await renderBoard();
    startCalls(connection);
    await settle(() => cardIds(host, 'live-heading').length === 2);
    const filter = host.querySelector('input[type="search"]') as HTMLInputElement;

    filter.value = 'parcel';
    filter.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(cardIds(host, 'live-heading')).toEqual(['demo-2']);

    filter.value = 'AGENT-1';
    filter.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(cardIds(host, 'live-heading')).toEqual(['demo-1']);

    filter.value = 'nobody';
    filter.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    expect(host.querySelector('section[aria-labelledby="live-heading"] .empty')?.textContent).toBe('No live call matches “nobody”.');
    expect(host.querySelector('.live-count strong')?.textContent).toBe('2');
  });

  it('marks a call an alert is raised in, and filters to the calls with alerts', async () => {
    const { host, connection, settle, fixture } = await renderBoard();
    startCalls(connection);
    await settle(() => cardIds(host, 'live-heading').length === 2);
    connection.send({ type: 'insight', callId: 'demo-1', seq: 2, insight: anAlert({ name: 'cancellation', severity: 'critical' }) });
    await settle(() => host.querySelector('tnt-call-card[data-call-id="demo-1"] .alerts') !== null);
    expect(host.querySelector('tnt-call-card[data-call-id="demo-1"] .alerts')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      '⚠ Alert: cancellation',
    );
    const alertsOnly = host.querySelector('.alerts-only input') as HTMLInputElement;
    alertsOnly.checked = true;
    alertsOnly.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    expect(cardIds(host, 'live-heading')).toEqual(['demo-1']);
    expect(host.querySelector('.live-count strong')?.textContent).toBe('2');
  });

  it('opens a call when its card is clicked', async () => {
    const { host, connection, settle } = await renderBoard();
    startCalls(connection);
    await settle(() => cardIds(host, 'live-heading').length === 2);
    const navigations: string[] = [];
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockImplementation(async (url) => (navigations.push(String(url)), true));

    (host.querySelector('tnt-call-card[data-call-id="demo-1"] a') as HTMLAnchorElement).click();
    expect(navigations).toEqual(['/calls/demo-1']);
  });

  it('stops following every call when the board closes', async () => {
    const { fixture, connection } = await renderBoard();
    fixture.destroy();
    await connection.waitFor((message): message is ClientMessage => message.type === 'unsubscribe' && message.callId === '*');
  });
});
