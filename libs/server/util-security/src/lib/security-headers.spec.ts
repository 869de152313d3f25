import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy, securityHeaders } from './security-headers';

async function serve(app: express.Express): Promise<{ server: Server; base: string }> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('securityHeaders', () => {
  let server: Server | undefined;
  afterEach(async () => {
    const running = server;
    server = undefined;
    if (running) await new Promise((resolve) => running.close(resolve));
  });

  it('sets every browser security header on a real response', async () => {
    const app = express();
    app.use(securityHeaders());
    app.get('/', (_request, response) => {
      response.send('<!doctype html>');
    });
    const started = await serve(app);
    server = started.server;
    const response = await fetch(`${started.base}/`);
    const port = new URL(started.base).port;
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('permissions-policy')).toContain('microphone=()');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}`);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });

  it('uses the public URL for the socket origin and adds HSTS when it is https', async () => {
    const app = express();
    app.use(securityHeaders({ publicUrl: 'https://tnt.example.com/base' }));
    app.get('/', (_request, response) => {
      response.send('ok');
    });
    const started = await serve(app);
    server = started.server;
    const response = await fetch(`${started.base}/`, { headers: { host: 'evil.example' } });
    expect(response.headers.get('content-security-policy')).toContain("connect-src 'self' wss://tnt.example.com;");
    expect(response.headers.get('strict-transport-security')).toBe('max-age=15552000');
  });

  it('names no socket origin for a malformed Host header', () => {
    expect(contentSecurityPolicy([])).toContain("connect-src 'self';");
  });
});
