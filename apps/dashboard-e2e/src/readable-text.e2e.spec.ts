import { conversationFor, conversationLengthMs } from '@tnt/server/data-access-engine-scripted';
import { ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type { Browser, Page } from 'playwright-core';
import type WebSocket from 'ws';
import { launchChromium } from './support/chromium';
import { linesOnScreen, openSignedInPage } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';
import { download, linesIn } from './support/history-page';
import { waitUntil } from './support/server-record';

/** A call id whose scripted conversation speaks an amount, a date and an e-mail address. */
const BILLING_CALL = Array.from({ length: 100 }, (_, index) => `readable-${index}`).find((id) =>
  conversationFor(id).some((turn) => turn.text.includes('jane dot miller')),
) as string;

/** One second of stereo 16 kHz silence: the scripted engine "hears" its conversation as the audio clock advances. */
const ONE_SECOND = Buffer.alloc(16000 * 2 * 2);

/** Sends `count` seconds of audio, a second a frame (frames are limited in size). */
function sendSeconds(socket: WebSocket, count: number): void {
  for (let second = 0; second < count; second++) socket.send(ONE_SECOND);
}

const AMOUNT_LINE = 'Hi, I was charged $29 for a plan I cancelled on March 4th.';
const ADDRESS_LINE = 'Sure, it is jane.miller@example.com.';

describe('readable transcripts in Chromium against the real gateway (scripted engine, SQLite)', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let page: Page;
  let ingest: WebSocket;

  beforeAll(async () => {
    // PII redaction (on by default where it is installed) would replace the address this test reads.
    gateway = await startGateway(0, { TNT_ENGINE: 'scripted', TNT_STORE: 'sqlite', TNT_DEMO_CALLS: '1', TNT_REDACTION: '0' });
    ingest = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.ingestApiKey) });
    ingest.send(JSON.stringify({ callId: BILLING_CALL, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
    browser = await launchChromium();
    page = await openSignedInPage(browser, `http://127.0.0.1:${gateway.port}`, gateway.account('supervisor'), {
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
  });
  afterAll(async () => {
    ingest?.close(1000);
    await browser?.close();
    await gateway?.stop();
  });

  it('shows formatted lines in the live call view, then in the stored call and its export', async () => {
    await page.goto(`http://127.0.0.1:${gateway.port}/calls/${encodeURIComponent(BILLING_CALL)}`);
    await page.waitForSelector('tnt-call-header h1');
    // The first three turns: the agent's greeting, the caller's amount and date, the agent's question.
    sendSeconds(ingest, 18);
    await page.waitForSelector('tnt-transcript li[data-segment-id="caller-u2"][data-final="true"]');
    const live = await linesOnScreen(page);
    expect(live.find((line) => line.id === 'caller-u2')?.text).toBe(AMOUNT_LINE);
    expect(live.find((line) => line.id === 'agent-u1')?.text).toMatch(/^Thanks for calling .*, how can I help you today\?$/);

    sendSeconds(ingest, Math.ceil(conversationLengthMs(conversationFor(BILLING_CALL)) / 1000));
    ingest.close(1000);
    await page.goto(`http://127.0.0.1:${gateway.port}/history/${encodeURIComponent(BILLING_CALL)}`);
    await waitUntil(async () => (await linesIn(page, 'tnt-past-transcript')).length === 8, 15_000, 'the stored transcript');
    const stored = (await linesIn(page, 'tnt-past-transcript')).map((line) => line.text);
    expect(stored).toEqual(expect.arrayContaining([AMOUNT_LINE, ADDRESS_LINE]));
    const txt = await download(page, 'button[data-action="txt"]');
    expect(txt.text).toContain(`Caller: ${AMOUNT_LINE}`);
    expect(txt.text).toContain(`Caller: ${ADDRESS_LINE}`);
  });
});
