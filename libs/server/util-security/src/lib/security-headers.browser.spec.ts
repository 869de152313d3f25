import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { WebSocketServer } from 'ws';
import { securityHeaders } from './security-headers';

// The page behaves like the built dashboard: external module script, component styles injected as
// <style> elements at run time, a WebSocket to the same host. It also carries what the policy
// must stop: an inline script, an inline event handler and a script from another origin.
const PAGE = `<!doctype html><html><head>
<script src="/watch.js"></script>
<script>window.inlineScriptRan = true;</script>
<script src="http://127.0.0.2:1/elsewhere.js"></script>
</head><body><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="
  onerror="window.inlineHandlerRan = true" onload="window.inlineHandlerRan = true">
<div id="styled">styled</div>
<script type="module" src="/app.js"></script></body></html>`;

const WATCH = `window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.effectiveDirective));`;

const APP = `const style = document.createElement('style');
style.textContent = '#styled { color: rgb(1, 2, 3); }';
document.head.appendChild(style);
window.styleApplied = getComputedStyle(document.getElementById('styled')).color === 'rgb(1, 2, 3)';
const socket = new WebSocket('ws://' + location.host + '/ws');
window.socketResult = new Promise((resolve) => {
  socket.onmessage = (event) => resolve(event.data);
  socket.onerror = () => resolve('error');
});`;

describe('securityHeaders in a real browser', () => {
  let server: Server;
  let sockets: WebSocketServer;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(securityHeaders());
    app.get('/', (_request, response) => {
      response.type('html').send(PAGE);
    });
    app.get('/watch.js', (_request, response) => {
      response.type('js').send(WATCH);
    });
    app.get('/app.js', (_request, response) => {
      response.type('js').send(APP);
    });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    sockets = new WebSocketServer({ server, path: '/ws' });
    sockets.on('connection', (socket) => socket.send('hello from the gateway'));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    sockets?.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('lets the app run, style itself and open its same-host WebSocket, and blocks inline and foreign scripts', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    const socketMessage = await page.evaluate(() => (globalThis as unknown as { socketResult: Promise<string> }).socketResult);
    const state = await page.evaluate(() => {
      const scope = globalThis as unknown as Record<string, unknown>;
      return {
        inlineScript: scope['inlineScriptRan'] === true,
        inlineHandler: scope['inlineHandlerRan'] === true,
        styled: scope['styleApplied'],
        violations: scope['violations'],
      };
    });
    expect(socketMessage).toBe('hello from the gateway');
    expect(state.styled).toBe(true);
    expect(state.inlineScript).toBe(false);
    expect(state.inlineHandler).toBe(false);
    expect(state.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
    expect(state.violations).not.toContain('connect-src');
    expect(state.violations).not.toContain('style-src-elem');
    await page.close();
  }, 30_000);

  it('refuses to be framed by another page', async () => {
    const page = await browser.newPage();
    await page.setContent(`<iframe src="${base}/"></iframe>`);
    await page.waitForTimeout(500);
    // A refused frame shows Chromium's error page instead of the gateway's document.
    const framed = page.frames().find((frame) => frame.url().startsWith(base));
    expect(framed).toBeUndefined();
    expect(page.frames()).toHaveLength(2);
    await page.close();
  }, 30_000);
});
