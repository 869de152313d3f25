import { conversationFor, conversationLengthMs } from '@tnt/server/data-access-engine-scripted';
import { ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import type { Browser, Page } from 'playwright-core';
import type WebSocket from 'ws';
import { launchChromium } from './support/chromium';
import { openSignedInPage } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';

/** A call id whose scripted conversation (a SIMULATION of speech) has the caller say "parcel". */
const PARCEL_CALL = Array.from({ length: 100 }, (_, index) => `rules-${index}`).find((id) =>
  conversationFor(id).some((turn) => turn.speaker === 'caller' && /\bparcel\b/i.test(turn.text)),
) as string;

/** One second of stereo 16 kHz silence: the scripted engine "hears" its conversation as the audio clock advances. */
const ONE_SECOND = Buffer.alloc(16000 * 2 * 2);

describe('the Rules page in Chromium against the real gateway (scripted engine, SQLite)', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let page: Page;
  let ingest: WebSocket | undefined;

  beforeAll(async () => {
    gateway = await startGateway(0, { TNT_ENGINE: 'scripted', TNT_STORE: 'sqlite', TNT_DEMO_CALLS: '1', TNT_REDACTION: '0' });
    browser = await launchChromium();
    page = await openSignedInPage(browser, `http://127.0.0.1:${gateway.port}`, gateway.account('supervisor'));
  });
  afterAll(async () => {
    ingest?.close(1000);
    await browser?.close();
    await gateway?.stop();
  });

  const rule = (index: number, field: string) => page.locator(`li[data-rule-index="${index}"] [data-field="${field}"]`);

  it('lets a supervisor add a rule, shows the field the server refused, and saves it', async () => {
    expect(PARCEL_CALL).toBeDefined();
    await page.click('nav.app-nav a[href="/rules"]');
    await page.waitForSelector('tnt-alert-rules-page .empty');
    await page.click('button[data-action="add"]');
    await rule(0, 'name').fill('parcel-watch');
    await rule(0, 'phrases').fill('parcel');
    await rule(0, 'regex').fill('(unclosed');
    await rule(0, 'severity').selectOption('critical');
    await page.click('button[data-action="save"]');
    const regexError = await page.waitForSelector('li[data-rule-index="0"] [data-error="regex"]');
    expect(await regexError.textContent()).toMatch(/rules\[0\]\.regex must compile/);

    await rule(0, 'regex').fill('');
    await page.click('button[data-action="save"]');
    expect(await (await page.waitForSelector('[data-role="saved"]')).textContent()).toContain('version 1');
  });

  it('says clearly when someone else saved first, and loads their rules on request', async () => {
    const { token } = await gateway.mintToken('supervisor');
    const elsewhere = await fetch(`http://127.0.0.1:${gateway.port}/api/alert-rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({
        rules: [
          { name: 'parcel-watch', phrases: ['parcel'], severity: 'critical' },
          { name: 'other', phrases: ['hello'] },
        ],
      }),
    });
    expect(elsewhere.status).toBe(200);
    await rule(0, 'phrases').fill('parcel\ndelivery');
    await page.click('button[data-action="save"]');
    expect(await (await page.waitForSelector('[data-role="conflict"]')).textContent()).toMatch(/Someone else saved the rules first/);
    await page.click('[data-role="conflict"] button');
    await page.waitForSelector('li[data-rule-index="1"]');
    expect(await rule(1, 'name').inputValue()).toBe('other');
    expect(await rule(0, 'phrases').inputValue()).toBe('parcel');
  });

  it('shows the new alert on the board for a call that says the phrase', async () => {
    await page.click('nav.app-nav a[href="/"]');
    ingest = await openSocket(`ws://127.0.0.1:${gateway.port}/ingest/l16`, { headers: ingestHeaders(gateway.ingestApiKey) });
    ingest.send(JSON.stringify({ callId: PARCEL_CALL, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
    const seconds = Math.ceil(conversationLengthMs(conversationFor(PARCEL_CALL)) / 1000);
    for (let second = 0; second < seconds; second++) ingest.send(ONE_SECOND);
    const alerts = await page.waitForSelector(`tnt-call-card[data-call-id="${PARCEL_CALL}"] .alerts`, { timeout: 60_000 });
    expect(await alerts.textContent()).toContain('parcel-watch');
    expect(await alerts.getAttribute('data-severity')).toBe('critical');
  });
});
