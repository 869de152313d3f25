import { TestBed } from '@angular/core/testing';
import { TimingTestWebSocket } from '../testing';
import { SOCKET_CREDENTIALS, type SocketCredentials } from './socket-credentials';
import { provideTranscriptSocket, type TranscriptSocketOptions } from './socket-options';
import { TranscriptSocketService } from './transcript-socket.service';

/**
 * Timing only: when attempts, pings and give-ups happen, under Jest's fake timers. The socket is
 * the TimingTestWebSocket double; everything about messages is covered against a real peer in
 * transcript-socket.service.spec.ts.
 */
describe('TranscriptSocketService timing (fake timers, TimingTestWebSocket double)', () => {
  let socket: TranscriptSocketService;

  function startService(options: Partial<TranscriptSocketOptions> = {}, credentials?: SocketCredentials): void {
    TestBed.configureTestingModule({
      providers: [
        provideTranscriptSocket({
          url: 'ws://timing.test/ws',
          createWebSocket: TimingTestWebSocket.factory(),
          random: () => 0,
          ...options,
        }),
        credentials ? [{ provide: SOCKET_CREDENTIALS, useValue: credentials }] : [],
      ],
    });
    socket = TestBed.inject(TranscriptSocketService);
    socket.connect();
  }

  /** Fails attempts one after another and records how long each wait before the next attempt was. */
  function waitsBetweenFailedAttempts(count: number): number[] {
    const waits: number[] = [];
    for (let index = 0; index < count; index++) {
      const attempts = TimingTestWebSocket.created.length;
      TimingTestWebSocket.latest().fail();
      let waited = 0;
      while (TimingTestWebSocket.created.length === attempts) {
        jest.advanceTimersByTime(50);
        waited += 50;
      }
      waits.push(waited);
    }
    return waits;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    TimingTestWebSocket.reset();
  });
  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  /** Fails the current attempt and lets a little time pass; nothing else happens on its own. */
  function failAndWait(ms: number): void {
    TimingTestWebSocket.latest().fail();
    jest.advanceTimersByTime(ms);
  }

  it('waits 1 s, 2 s, 4 s, then up to 8 s, 16 s and at most 30 s between failed attempts', () => {
    // Draws of 0 take no jitter off the first steps; after them, the largest draw shows the top of each range.
    const draws = [0, 0, 0, 0.999_99, 0.999_99, 0.999_99, 0.999_99];
    startService({ random: () => draws.shift() ?? 0 });
    expect(waitsBetweenFailedAttempts(7)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
  });

  it('never gives up: keeps trying through a 20-minute outage and connects when the server is back', () => {
    startService({ random: () => 0.5 });
    const waits = waitsBetweenFailedAttempts(100);
    expect(Math.max(...waits)).toBeLessThanOrEqual(30_000);
    expect(waits.reduce((sum, wait) => sum + wait, 0)).toBeGreaterThan(20 * 60_000);
    expect(socket.state()).toBe('reconnecting');

    TimingTestWebSocket.latest().acceptAndGreet();
    expect(socket.state()).toBe('connected');
  });

  it('tries again at once when the browser says it is online, keeping its place in the backoff', () => {
    startService({ random: () => 0.99 });
    waitsBetweenFailedAttempts(5);
    TimingTestWebSocket.latest().fail();
    const attempts = TimingTestWebSocket.created.length;
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    window.dispatchEvent(new Event('online'));

    expect(TimingTestWebSocket.created).toHaveLength(attempts + 1);
    expect(console.info).toHaveBeenCalledWith('TnT socket: reconnecting now, the browser is online again');
    expect(socket.nextAttemptAt()).toBeNull();
    // Still offline after all: the next wait is the capped one, not 1 s again.
    expect(waitsBetweenFailedAttempts(1)[0]).toBeGreaterThan(4000);
  });

  it('tries again at once when the tab becomes visible, not when it is hidden', () => {
    startService();
    waitsBetweenFailedAttempts(3);
    TimingTestWebSocket.latest().fail();
    const attempts = TimingTestWebSocket.created.length;
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const visibility = jest.spyOn(document, 'visibilityState', 'get');

    visibility.mockReturnValue('hidden');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(TimingTestWebSocket.created).toHaveLength(attempts);
    visibility.mockReturnValue('visible');
    document.dispatchEvent(new Event('visibilitychange'));
    expect(TimingTestWebSocket.created).toHaveLength(attempts + 1);
  });

  it('does nothing when the browser goes online while connected', () => {
    startService();
    TimingTestWebSocket.latest().acceptAndGreet();
    window.dispatchEvent(new Event('online'));
    expect(TimingTestWebSocket.created).toHaveLength(1);
    expect(socket.state()).toBe('connected');
  });

  it('shortens each wait by a random share of up to a quarter (jitter)', () => {
    startService({ random: () => 0.8 });
    expect(waitsBetweenFailedAttempts(3)).toEqual([800, 1600, 3200]);
  });

  it('announces when the next attempt starts, for the countdown', () => {
    startService();
    TimingTestWebSocket.latest().fail();
    expect(socket.state()).toBe('reconnecting');
    expect(socket.nextAttemptAt()).toBe(Date.now() + 1000);
    jest.advanceTimersByTime(1000);
    expect(socket.nextAttemptAt()).toBeNull();
  });

  it('starts the backoff again at 1 s after a connection stayed up for stableAfterMs', () => {
    startService({ stableAfterMs: 10_000 });
    waitsBetweenFailedAttempts(3);
    TimingTestWebSocket.latest().acceptAndGreet();
    jest.advanceTimersByTime(10_000);
    expect(waitsBetweenFailedAttempts(2)).toEqual([1000, 2000]);
  });

  it('keeps backing off when connections drop before they were stable', () => {
    startService({ stableAfterMs: 10_000 });
    waitsBetweenFailedAttempts(2);
    TimingTestWebSocket.latest().acceptAndGreet();
    jest.advanceTimersByTime(3000);
    expect(waitsBetweenFailedAttempts(1)).toEqual([4000]);
  });

  it('pings every heartbeatIntervalMs of the greeting and reconnects when a pong is missing', () => {
    startService({ pongTimeoutMs: 5000 });
    const first = TimingTestWebSocket.latest();
    first.acceptAndGreet(30_000);
    jest.advanceTimersByTime(30_000);
    expect(first.sent).toEqual([{ type: 'ping', id: 1 }]);
    first.receive({ type: 'pong', id: 1, serverTime: new Date().toISOString() });
    jest.advanceTimersByTime(30_000);
    expect(first.sent).toEqual([
      { type: 'ping', id: 1 },
      { type: 'ping', id: 2 },
    ]);
    jest.advanceTimersByTime(4999);
    expect(socket.state()).toBe('connected');
    jest.advanceTimersByTime(1);

    expect(socket.state()).toBe('reconnecting');
    expect(first.closedByClient).toBe(true);
    expect(socket.lastProblem()).toBe('no pong within 5000 ms');
    jest.advanceTimersByTime(1000);
    expect(TimingTestWebSocket.created).toHaveLength(2);
  });

  it('announces the next attempt by the injected clock', () => {
    startService({ now: () => 1_000_000 });
    TimingTestWebSocket.latest().fail();
    expect(socket.nextAttemptAt()).toBe(1_001_000);
  });

  it('gives up an attempt that is not greeted within greetingTimeoutMs', () => {
    startService({ greetingTimeoutMs: 3000 });
    jest.advanceTimersByTime(3000);
    expect(socket.state()).toBe('reconnecting');
    expect(socket.lastProblem()).toBe('no greeting within 3000 ms');
  });

  it('stops trying when the user signs out, and the browser going online does not bring it back', () => {
    let token: string | undefined = 'token-of-sam';
    startService({}, { token: () => token, checkToken: async () => 'valid', sessionEnded: () => undefined });
    TimingTestWebSocket.latest().acceptAndGreet();
    TimingTestWebSocket.latest().fail();
    token = undefined;
    jest.advanceTimersByTime(1000);
    expect(socket.state()).toBe('disconnected');
    expect(socket.lastProblem()).toBe('nobody is signed in');

    window.dispatchEvent(new Event('online'));
    jest.advanceTimersByTime(60 * 60_000);
    expect(TimingTestWebSocket.created).toHaveLength(1);
  });

  it('stops trying after disconnect, and starts a fresh round of attempts when a view watches again', () => {
    startService();
    failAndWait(1000);
    failAndWait(2000);
    socket.disconnect();
    jest.advanceTimersByTime(60 * 60_000);
    expect(TimingTestWebSocket.created).toHaveLength(3);
    expect(socket.state()).toBe('disconnected');

    socket.watchCall('call-1');
    expect(TimingTestWebSocket.created).toHaveLength(4);
    expect(waitsBetweenFailedAttempts(1)).toEqual([1000]);
  });
});
