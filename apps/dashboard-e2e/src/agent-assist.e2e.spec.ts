import type { AssistCard } from '@tnt/protocol';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { signIn } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';
import { saveScreenshot } from './support/screenshots';

/**
 * A card every scripted demo conversation (a SIMULATION: TNT_ENGINE=scripted) calls up with the
 * caller's first problem: "charged" (billing), "has not arrived" (delivery), "locked out" (help desk).
 */
const CARD: AssistCard = {
  id: 'first-issue',
  title: 'The caller has a problem',
  body: 'Say sorry once, then say what you will check.',
  link: 'https://example.com/kb/first-issue',
  phrases: ['charged', 'has not arrived', 'locked out'],
};

describe('agent assist in Chromium against the real gateway (scripted engine, SQLite)', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const cardsFile = join(mkdtempSync(join(tmpdir(), 'tnt-cards-')), 'cards.json');
    writeFileSync(cardsFile, JSON.stringify([CARD]));
    gateway = await startGateway(0, {
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DEMO_CALLS: '1',
      TNT_DEMO_SPEED: '1',
      TNT_ASSIST_CARDS_FILE: cardsFile,
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  it('shows the agent the card as the caller speaks, and a dismissed card stays gone after a reload', async () => {
    await page.goto(`http://127.0.0.1:${gateway.port}/login`);
    await signIn(page, gateway.account('agent-1'));
    await page.waitForURL('**/agent/agent-1');

    const card = await page.waitForSelector(`tnt-assist-cards .card[data-card-id="${CARD.id}"]`, { timeout: 60_000 });
    expect(await card.$eval('h3', (title) => title.textContent?.trim())).toBe(CARD.title);
    expect(await card.$eval('.body', (body) => body.textContent?.trim())).toBe(CARD.body);
    expect(await card.$eval('a', (link) => link.getAttribute('href'))).toBe(CARD.link);
    expect(await card.$eval('.why', (why) => why.textContent?.trim())).toMatch(/^Caller said “(charged|has not arrived|locked out)”$/i);
    // The same card is listed in the transcript, after the caller's line that called it up.
    await page.waitForSelector(`tnt-transcript li.assist[data-card-id="${CARD.id}"]`);
    await saveScreenshot(page, 'agent-assist');

    await card.$eval('button.dismiss', (button) => (button as HTMLButtonElement).click());
    await page.waitForSelector(`tnt-assist-cards .card[data-card-id="${CARD.id}"]`, { state: 'detached' });
    expect(await page.textContent('tnt-assist-cards .empty')).toContain('Cards with answers appear here');

    // The caller's problem comes early in a conversation of eight turns, so the call is still on after a reload.
    await page.reload();
    await page.waitForSelector(`tnt-transcript li.assist[data-card-id="${CARD.id}"]`, { timeout: 20_000 });
    expect(await page.$(`tnt-assist-cards .card[data-card-id="${CARD.id}"]`)).toBeNull();
  });
});
