import { ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type { Browser, Page } from 'playwright-core';
import type WebSocket from 'ws';
import { launchChromium } from './support/chromium';
import { openSignedInPage, shownCallId } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';

/** Ids that fit the call-id rule, at its edges: each call's page must load in the browser. */
const SERVABLE_IDS = ['pbx:line_7.call', 'x'.repeat(128), 'CA0f9b1deb4d3b7d4bad9bdd2b0d7b3dcb', '6f1c2a9e-3b7d-4c1e-9a4f-2d8e5b7c0a11'];
/** Ids outside the rule: no call can have them, so the pages say so instead of loading. */
const INVALID_IDS = ['call 42', 'a/b', 'café-1', 'x'.repeat(129)];

/** Three seconds of stereo 16 kHz silence: the scripted engine turns it into its conversation's first words. */
const THREE_SECONDS = Buffer.alloc(16000 * 2 * 2 * 3);

describe('call pages for every kind of call id, in Chromium against the real gateway', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let page: Page;
  const calls: WebSocket[] = [];

  beforeAll(async () => {
    gateway = await startGateway(0, { TNT_ENGINE: 'scripted', TNT_STORE: 'sqlite', TNT_DEMO_CALLS: '1' });
    for (const callId of SERVABLE_IDS) {
      const socket = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.ingestApiKey) });
      socket.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
      socket.send(THREE_SECONDS);
      calls.push(socket);
    }
    browser = await launchChromium();
    page = await openSignedInPage(browser, `http://127.0.0.1:${gateway.port}`, gateway.account('supervisor'), {
      viewport: { width: 1280, height: 800 },
    });
  });
  afterAll(async () => {
    for (const socket of calls) socket.close(1000);
    await browser?.close();
    await gateway?.stop();
  });

  it('loads the live page and the stored page of a call whose id fits the rule', async () => {
    for (const callId of SERVABLE_IDS) {
      await page.goto(`http://127.0.0.1:${gateway.port}/calls/${encodeURIComponent(callId)}`);
      await page.waitForSelector('tnt-call-header h1');
      expect({ callId, shown: await shownCallId(page) }).toEqual({ callId, shown: callId });
      await page.waitForSelector('tnt-transcript li[data-segment-id]');

      await page.goto(`http://127.0.0.1:${gateway.port}/history/${encodeURIComponent(callId)}`);
      // The stored call's header names it, as the live one does (`.subtitle code` in either header).
      await page.waitForSelector('.subtitle code');
      expect({ callId, stored: (await page.textContent('.subtitle code'))?.trim() }).toEqual({ callId, stored: callId });
    }
  });

  it('says an id outside the rule is not a valid call id, on the live and the stored page', async () => {
    for (const callId of INVALID_IDS) {
      for (const route of ['calls', 'history']) {
        await page.goto(`http://127.0.0.1:${gateway.port}/${route}/${encodeURIComponent(callId)}`);
        await page.waitForSelector('[role="alert"] h1');
        const heading = await page.textContent('[role="alert"] h1');
        expect({ route, heading }).toEqual({ route, heading: `"${callId}" is not a valid call id` });
      }
    }
  });
});
