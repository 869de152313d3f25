import { Heartbeat } from './heartbeat';

describe('Heartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('pings once per interval while pongs come back', () => {
    const pings: number[] = [];
    const heartbeat = new Heartbeat(
      (id) => pings.push(id),
      () => undefined,
      5000,
    );
    heartbeat.start(30_000);
    jest.advanceTimersByTime(29_999);
    expect(pings).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(pings).toEqual([1]);
    heartbeat.pongReceived(1);
    jest.advanceTimersByTime(30_000);
    expect(pings).toEqual([1, 2]);
    heartbeat.stop();
  });

  it('declares the connection dead when the pong is late, and ignores pongs for other pings', () => {
    const dead: string[] = [];
    const heartbeat = new Heartbeat(
      () => undefined,
      (reason) => dead.push(reason),
      5000,
    );
    heartbeat.start(1000);
    jest.advanceTimersByTime(1000);
    heartbeat.pongReceived(99);
    jest.advanceTimersByTime(4999);
    expect(dead).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(dead).toEqual(['no pong within 5000 ms']);
  });

  it('does nothing after stop', () => {
    const pings: number[] = [];
    const heartbeat = new Heartbeat(
      (id) => pings.push(id),
      () => pings.push(-1),
      100,
    );
    heartbeat.start(100);
    heartbeat.stop();
    jest.advanceTimersByTime(10_000);
    expect(pings).toEqual([]);
  });
});
