import { conversationFor, conversationLengthMs } from '@tnt/server/data-access-engine-scripted';
import { ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type { Browser, Page } from 'playwright-core';
import type WebSocket from 'ws';
import { launchChromium } from './support/chromium';
import { openSignedInPage } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';
import { saveScreenshot } from './support/screenshots';

const CALL_ID = 'talk-metrics-board';
/** One second of stereo 16 kHz silence: the SIMULATED scripted engine "hears" its conversation as the audio clock advances. */
const ONE_SECOND = Buffer.alloc(16000 * 2 * 2);

describe('talk metrics on the call view in Chromium against the real gateway (scripted engine)', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let page: Page;
  let ingest: WebSocket;

  beforeAll(async () => {
    gateway = await startGateway(0, { TNT_ENGINE: 'scripted', TNT_STORE: 'memory', TNT_DEMO_CALLS: '1', TNT_TALK_METRICS: '1' });
    ingest = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.ingestApiKey) });
    ingest.send(JSON.stringify({ callId: CALL_ID, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
    browser = await launchChromium();
    page = await openSignedInPage(browser, `http://127.0.0.1:${gateway.port}`, gateway.account('supervisor'), {
      viewport: { width: 1280, height: 800 },
    });
  });
  afterAll(async () => {
    ingest?.terminate();
    await browser?.close();
    await gateway?.stop();
  });

  it('shows the live reading under the header, then the whole call once it ended', async () => {
    await page.goto(`http://127.0.0.1:${gateway.port}/calls/${CALL_ID}`);
    await page.waitForSelector('tnt-call-header h1');
    for (let second = 0; second < 10; second++) ingest.send(ONE_SECOND);
    // Readings follow one another as the call goes on: the first, with the first words, may read 0:00.
    await page.waitForFunction(
      () => /^0:0[1-9]$/.test(document.querySelector('tnt-talk-metrics [data-figure="agent-talk"] dd')?.textContent?.trim() ?? ''),
      undefined,
      { timeout: 30_000 },
    );
    expect(await page.locator('tnt-talk-metrics .as-of').textContent()).toMatch(/^as of 0:\d\d$/);
    await saveScreenshot(page, 'talk-metrics-live');

    const rest = Math.ceil(conversationLengthMs(conversationFor(CALL_ID)) / 1000);
    for (let second = 0; second < rest; second++) ingest.send(ONE_SECOND);
    ingest.close(1000);
    await page.waitForSelector('tnt-talk-metrics .as-of:text("whole call")', { timeout: 30_000 });
    expect(await page.locator('tnt-talk-metrics [data-figure="agent-pace"] dd').textContent()).toMatch(/^\d{2,3} wpm$/);
    await saveScreenshot(page, 'talk-metrics-ended');
  });
});
