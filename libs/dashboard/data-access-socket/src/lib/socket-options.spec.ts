import { resolveSocketOptions, sameOriginSocketUrl } from './socket-options';

describe('socket options', () => {
  it('points at /ws on the host that served the page, with wss behind https', () => {
    expect(sameOriginSocketUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe('ws://localhost:3000/ws');
    expect(sameOriginSocketUrl({ protocol: 'https:', host: 'tnt.example.com' })).toBe('wss://tnt.example.com/ws');
  });

  it('defaults to backoff 1 s, 2 s, 4 s then at most 30 s, pings every 30 s and keeps given values', () => {
    const options = resolveSocketOptions({ pongTimeoutMs: 1234 });
    expect(options.backoffMs).toEqual([1000, 2000, 4000]);
    expect(options.maxBackoffMs).toBe(30_000);
    expect(options.heartbeatIntervalMs).toBe(30_000);
    expect(options.pongTimeoutMs).toBe(1234);
    expect(options.url).toBe(sameOriginSocketUrl(globalThis.location));
  });
});
