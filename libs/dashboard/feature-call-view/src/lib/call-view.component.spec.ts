import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ClientMessage, SubscribeMessage } from '@tnt/protocol';
import { AuthStore, provideAuth } from '@tnt/dashboard/data-access-auth';
import { AuthTestPeer } from '@tnt/dashboard/data-access-auth/testing';
import { provideTranscriptSocket } from '@tnt/dashboard/data-access-socket';
import { ProtocolTestPeer } from '@tnt/dashboard/data-access-socket/testing';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { CallViewComponent } from './call-view.component';
import { eventually } from '@tnt/shared/util-testing/eventually';

const isSubscribe =
  (callId: string) =>
  (message: ClientMessage): message is SubscribeMessage =>
    message.type === 'subscribe' && message.callId === callId;

describe('CallViewComponent with a real WebSocket peer', () => {
  let peer: ProtocolTestPeer;
  let auth: AuthTestPeer;

  beforeEach(async () => {
    peer = await ProtocolTestPeer.start();
    auth = await AuthTestPeer.start([
      { username: 'sam', password: 'sam-password', role: 'supervisor' },
      { username: 'ana', password: 'ana-password', role: 'agent', agentId: 'agent-1' },
    ]);
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideAuth({ apiUrl: auth.apiUrl }), provideTranscriptSocket({ url: peer.url })],
    });
    await TestBed.inject(AuthStore).signIn('sam', 'sam-password');
  });
  afterEach(async () => {
    TestBed.resetTestingModule();
    sessionStorage.clear();
    await auth.stop();
    await peer.stop();
  });

  function render(id: string) {
    const fixture = TestBed.createComponent(CallViewComponent);
    fixture.componentRef.setInput('id', id);
    fixture.detectChanges();
    return fixture;
  }

  it('loads the call from its snapshot, then shows interim text replaced by its final', async () => {
    const fixture = render('demo-1');
    const host = fixture.nativeElement as HTMLElement;
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('demo-1'));
    const call = aCallInfo({ id: 'demo-1', agentId: 'agent-1', from: '+15550101' });
    connection.send({ type: 'subscribed', callId: 'demo-1', lastSeq: 3 });
    connection.send({
      type: 'snapshot',
      callId: 'demo-1',
      seq: 3,
      call,
      transcript: [aSegment({ id: 'u1', speaker: 'agent', text: 'Hello, Dana here.' })],
    });
    await eventually(
      () => (fixture.detectChanges(), host.querySelector('h1')?.textContent === 'agent-1 with +15550101'),
      "(fixture.detectChanges(), host.querySelector('h1')?.textContent === 'agent-1 with +1...",
    );

    connection.send({
      type: 'transcript',
      callId: 'demo-1',
      seq: 4,
      transcript: aSegment({ id: 'u2', text: 'Hi, I', isFinal: false, startMs: 5000 }),
    });
    const line = () => host.querySelector('li[data-segment-id="u2"]') as HTMLElement | null;
    await eventually(
      () => (fixture.detectChanges(), line()?.dataset['final'] === 'false'),
      "(fixture.detectChanges(), line()?.dataset['final'] === 'false')",
    );
    connection.send({
      type: 'transcript',
      callId: 'demo-1',
      seq: 5,
      transcript: aSegment({ id: 'u2', text: 'Hi, I need help.', startMs: 5000 }),
    });
    await eventually(
      () => (fixture.detectChanges(), line()?.dataset['final'] === 'true'),
      "(fixture.detectChanges(), line()?.dataset['final'] === 'true')",
    );

    expect([...host.querySelectorAll('li .text')].map((text) => text.textContent?.trim())).toEqual([
      'Hello, Dana here.',
      'Hi, I need help.',
    ]);
  });

  it('says the call is not available when the server does not hold it', async () => {
    const fixture = render('gone');
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('gone'));
    connection.send({
      type: 'error',
      code: 'CALL_NOT_FOUND',
      message: 'call gone not found',
      timestamp: new Date().toISOString(),
      callId: 'gone',
    });
    const alert = () => (fixture.nativeElement as HTMLElement).querySelector('[role="alert"] h1');
    await eventually(() => (fixture.detectChanges(), alert() !== null), '(fixture.detectChanges(), alert() !== null)');
    expect(alert()?.textContent).toBe('Call gone is not available');
    const crumb = (fixture.nativeElement as HTMLElement).querySelector('.crumbs a');
    expect(crumb?.textContent).toBe('Supervisor board');
    expect(crumb?.getAttribute('href')).toBe('/');
  });

  it('leads an agent back to its own view, and says a call it cannot open may not be one of its own', async () => {
    await TestBed.inject(AuthStore).signIn('ana', 'ana-password');
    const fixture = render('someone-elses');
    const host = fixture.nativeElement as HTMLElement;
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('someone-elses'));
    connection.send({
      type: 'error',
      code: 'CALL_NOT_FOUND',
      message: 'not found',
      timestamp: new Date().toISOString(),
      callId: 'someone-elses',
    });
    await eventually(
      () => (fixture.detectChanges(), host.querySelector('[role="alert"]') !== null),
      '(fixture.detectChanges(), host.querySelector(\'[role="alert"]\') !== null)',
    );

    expect(host.querySelector('[role="alert"] p')?.textContent).toContain('This call is not one of yours');
    expect(host.querySelector('[role="alert"] a')?.getAttribute('href')).toBe('/agent/agent-1');
    expect(host.querySelector('.crumbs a')?.textContent).toBe('My calls');
  });

  it('says an id outside the call-id rule is not a valid call id, and never asks the server for it', async () => {
    const fixture = render('call 42');
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('[role="alert"] h1')?.textContent).toBe('"call 42" is not a valid call id');
    expect(host.querySelector('[role="alert"] p')?.textContent).toContain("letters, digits, '.', '_', ':' or '-'");
    expect(host.querySelector('[role="status"]')).toBeNull();

    fixture.componentRef.setInput('id', 'demo-3');
    fixture.detectChanges();
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('demo-3'));
    fixture.componentRef.setInput('id', 'café-1');
    fixture.detectChanges();
    expect(host.querySelector('[role="alert"] h1')?.textContent).toBe('"café-1" is not a valid call id');
    await eventually(
      () => connection.received.some((message) => message.type === 'unsubscribe' && message.callId === 'demo-3'),
      "connection.received.some((message) => message.type === 'unsubscribe' && message.callI...",
    );
    const subscribed = connection.received.flatMap((message) => (message.type === 'subscribe' ? [message.callId] : []));
    expect(subscribed).toEqual(['demo-3']);
  });

  it('moves its subscription when the route switches to another call, and lets go when destroyed', async () => {
    const fixture = render('demo-1');
    const connection = await peer.connection(0);
    await connection.waitFor(isSubscribe('demo-1'));
    fixture.componentRef.setInput('id', 'demo-2');
    fixture.detectChanges();
    await connection.waitFor(isSubscribe('demo-2'));
    expect(connection.received).toContainEqual({ type: 'unsubscribe', callId: 'demo-1' });

    fixture.destroy();
    await eventually(
      () => connection.received.some((message) => message.type === 'unsubscribe' && message.callId === 'demo-2'),
      "connection.received.some((message) => message.type === 'unsubscribe' && message.callI...",
    );
  });
});
