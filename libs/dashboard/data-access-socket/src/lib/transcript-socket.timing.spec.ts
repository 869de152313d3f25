import { TestBed } from '@angular/core/testing';
import { TimingTestWebSocket } from '../testing';
import { provideTranscriptSocket, type TranscriptSocketOptions } from './socket-options';
import { TranscriptSocketService } from './transcript-socket.service';

/**
 * Timing only: when attempts, pings and give-ups happen, under Jest's fake timers. The socket is
 * the TimingTestWebSocket double; everything about messages is covered against a real peer in
 * transcript-socket.service.spec.ts.
 */
describe('TranscriptSocketService timing (fake timers, TimingTestWebSocket double)', () => {
  let socket: TranscriptSocketService;

  function startService(options: Partial<TranscriptSocketOptions> = {}): void {
    TestBed.configureTestingModule({
      providers: [
        provideTranscriptSocket({ url: 'ws://timing.test/ws', createWebSocket: TimingTestWebSocket.factory(), random: () => 0, ...options }),
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
  });

  it('waits 1 s, 2 s, 4 s, then 4 s between failed attempts', () => {
    startService();
    expect(waitsBetweenFailedAttempts(5)).toEqual([1000, 2000, 4000, 4000, 4000]);
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

  it('gives up an attempt that is not greeted within greetingTimeoutMs', () => {
    startService({ greetingTimeoutMs: 3000 });
    jest.advanceTimersByTime(3000);
    expect(socket.state()).toBe('reconnecting');
    expect(socket.lastProblem()).toBe('no greeting within 3000 ms');
  });

  it('reports disconnected after maxReconnectAttempts failures and stops trying', () => {
    startService({ maxReconnectAttempts: 2 });
    waitsBetweenFailedAttempts(2);
    TimingTestWebSocket.latest().fail();
    expect(socket.state()).toBe('disconnected');
    jest.advanceTimersByTime(60_000);
    expect(TimingTestWebSocket.created).toHaveLength(3);
  });

  it('starts a fresh round of attempts when a view watches after the service gave up', () => {
    startService({ maxReconnectAttempts: 1 });
    waitsBetweenFailedAttempts(1);
    TimingTestWebSocket.latest().fail();
    expect(socket.state()).toBe('disconnected');

    socket.watchCall('call-1');
    expect(TimingTestWebSocket.created).toHaveLength(3);
    expect(waitsBetweenFailedAttempts(1)).toEqual([1000]);
  });
});
