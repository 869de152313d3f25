import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ClientMessage, SubscribeMessage } from '@tnt/protocol';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { ASSIST_DISMISSAL_STORAGE } from '@tnt/dashboard/data-access-calls';
import { aCallInfo, anAssist, aSegment } from '@tnt/dashboard/util-model/testing';
import { AgentViewComponent } from './agent-view.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;

describe('AgentViewComponent with a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    window.sessionStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideTranscriptSocket({ url: peer.url }),
        { provide: ASSIST_DISMISSAL_STORAGE, useValue: window.sessionStorage },
      ],
    });
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    await peer.stop();
  });

  it("waits for a call, follows the agent's call when it starts, and picks up the next one after it ends", async () => {
    const fixture = TestBed.createComponent(AgentViewComponent);
    fixture.componentRef.setInput('agentId', 'agent-1');
    fixture.detectChanges();
    const host = fixture.nativeElement as HTMLElement;
    const settle = (check: () => boolean) => eventually(() => (fixture.detectChanges(), check()), '(fixture.detectChanges(), check())');
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('*'));
    connection.send({ type: 'subscribed', callId: '*', calls: [] });
    await settle(() => host.querySelector('#waiting-heading')?.textContent === 'Waiting for a call');

    const first = aCallInfo({ id: 'demo-1', agentId: 'agent-1', from: '+15550101', startedAt: '2026-03-02T10:00:00.000Z' });
    connection.send({ type: 'call', event: 'started', seq: 1, call: aCallInfo({ id: 'demo-2', agentId: 'agent-2' }) });
    connection.send({ type: 'call', event: 'started', seq: 1, call: first });
    connection.send({ type: 'transcript', callId: 'demo-1', seq: 2, transcript: aSegment({ text: 'Hello?' }) });
    await settle(() => host.querySelector('h2')?.textContent === 'agent-1 with +15550101');
    await connection.waitFor(isSubscribe('demo-1'));
    expect(host.querySelector('.state')?.textContent).toBe('On a call');
    expect(connection.received.some(isSubscribe('demo-2'))).toBe(false);

    connection.send({ type: 'call', event: 'ended', seq: 3, call: { ...first, status: 'ended', endedAt: '2026-03-02T10:00:40.000Z' } });
    await settle(() => host.querySelector('#waiting-heading') !== null);
    expect(host.querySelector('.last-call')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Last call: +15550101, 0:40, ended ' + new Date('2026-03-02T10:00:40.000Z').toTimeString().slice(0, 8) + '. View its transcript',
    );
    await connection.waitFor((message): message is ClientMessage => message.type === 'unsubscribe' && message.callId === 'demo-1');

    const next = aCallInfo({ id: 'demo-4', agentId: 'agent-1', from: '+15550104', startedAt: '2026-03-02T10:00:45.000Z' });
    connection.send({ type: 'call', event: 'started', seq: 1, call: next });
    await settle(() => host.querySelector('h2')?.textContent === 'agent-1 with +15550104');
    await connection.waitFor(isSubscribe('demo-4'));
  });

  it('shows the cards of its call newest first, and a dismissed card stays gone after a reload of the view', async () => {
    const cardTitles = (host: HTMLElement) => [...host.querySelectorAll('tnt-assist-cards .card h3')].map((title) => title.textContent);
    const open = async (connectionIndex: number) => {
      const fixture = TestBed.createComponent(AgentViewComponent);
      fixture.componentRef.setInput('agentId', 'agent-1');
      fixture.detectChanges();
      const host = fixture.nativeElement as HTMLElement;
      const settle = (check: () => boolean) => eventually(() => (fixture.detectChanges(), check()), '(fixture.detectChanges(), check())');
      const connection = await peer.connection(connectionIndex);
      await connection.waitFor(isSubscribe('*'));
      const call = aCallInfo({ id: 'demo-1', agentId: 'agent-1', from: '+15550101' });
      connection.send({ type: 'subscribed', callId: '*', calls: [call] });
      await connection.waitFor(isSubscribe('demo-1'));
      connection.send({
        type: 'snapshot',
        callId: 'demo-1',
        seq: 4,
        call,
        transcript: [aSegment({ id: 'u1', text: 'I want a refund' }), aSegment({ id: 'u2', text: 'my parcel', startMs: 3000 })],
        insights: [
          anAssist({ id: 'u1:assist:refunds', title: 'Refund policy' }),
          anAssist({ id: 'u2:assist:tracking', cardId: 'tracking', title: 'Tracking a parcel', segmentId: 'u2', link: undefined }),
        ],
      });
      return { fixture, host, settle };
    };

    const first = await open(0);
    await first.settle(() => cardTitles(first.host).length === 2);
    expect(cardTitles(first.host)).toEqual(['Tracking a parcel', 'Refund policy']);
    expect(first.host.querySelector('[data-card-id="refunds"] a')?.getAttribute('href')).toBe('https://example.test/refunds');
    expect(first.host.querySelector('[data-card-id="tracking"] a')).toBeNull();
    (first.host.querySelector('[data-card-id="tracking"] .dismiss') as HTMLButtonElement).click();
    await first.settle(() => cardTitles(first.host).length === 1);
    expect(cardTitles(first.host)).toEqual(['Refund policy']);
    expect(first.host.querySelector('tnt-call-panel .assist strong')?.textContent).toBe('Refund policy');
    first.fixture.destroy();

    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideTranscriptSocket({ url: peer.url }),
        { provide: ASSIST_DISMISSAL_STORAGE, useValue: window.sessionStorage },
      ],
    });
    const reloaded = await open(1);
    await reloaded.settle(() => cardTitles(reloaded.host).length > 0);
    expect(cardTitles(reloaded.host)).toEqual(['Refund policy']);
  });
});
