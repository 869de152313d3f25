import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { corsMiddleware } from './cors';

describe('corsMiddleware', () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use('/api', corsMiddleware({ allowedOrigins: ['http://localhost:4200'] }));
    app.get('/api/thing', (_request, response) => {
      response.json({ ok: true });
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers a preflight from an allowed origin with the methods and headers', async () => {
    const response = await fetch(`${base}/api/thing`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4200',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('vary')).toContain('Origin');
  });

  it('refuses a preflight from another origin with 403 and no CORS headers', async () => {
    const response = await fetch(`${base}/api/thing`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ code: 'ORIGIN_NOT_ALLOWED', message: 'this origin may not use the API' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds no CORS header to a request from another origin, so the browser withholds the answer', async () => {
    const response = await fetch(`${base}/api/thing`, { headers: { origin: 'https://evil.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('treats the gateway’s own origin as allowed', async () => {
    const response = await fetch(`${base}/api/thing`, { headers: { origin: base } });
    expect(response.headers.get('access-control-allow-origin')).toBe(base);
  });

  it('leaves requests without an Origin untouched', async () => {
    const response = await fetch(`${base}/api/thing`);
    expect(response.headers.get('vary')).toBeNull();
    expect(await response.json()).toEqual({ ok: true });
  });
});
