import { LANGUAGE_MODEL_STATUS, validate, type LanguageModelStatus } from '@tnt/protocol';
import { eventually } from '@tnt/shared/util-testing/eventually';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { openSignedInPage, signIn } from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';
import { saveScreenshot } from './support/screenshots';

/**
 * A small domain text: the build's cost is the generic model it is mixed with (about 1.5
 * CPU-minutes whatever the text), so a few lines are as good as hundreds here.
 */
const DOMAIN_TEXT = ['my zyxel router is down', 'the fibre light on my zyxel is red', 'i restarted the router twice'].join('\n');
/** A vocabulary whose second line gives a phone en-us does not have. */
const BAD_VOCABULARY = 'gigabit\nzyxel  Z AY X';
/** The same word with its phones. */
const GOOD_VOCABULARY = 'gigabit\nzyxel  Z AY K S EH L';
/**
 * A build is about 1.5 CPU-minutes (110 s at start on two busy cores, README); this machine runs
 * other tests beside it, so the bound is generous: a failure message, not a speed bar.
 */
const BUILD_TIMEOUT_MS = 600_000;

describe('the Language page in Chromium against the real gateway (pocketsphinx)', () => {
  let gateway: DemoGateway;
  let browser: Browser;
  let page: Page;
  /** A supervisor's token for reading the status from the test. */
  let supervisorToken: string;

  beforeAll(async () => {
    // The demo (needed for its accounts) plays one call at a fifth of real time, to leave the cores to the build.
    gateway = await startGateway(0, { TNT_ENGINE: 'pocketsphinx', TNT_DEMO_CALLS: '1', TNT_DEMO_SPEED: '0.2' });
    supervisorToken = (await gateway.mintToken('supervisor', 3600)).token;
    browser = await launchChromium();
    page = await openSignedInPage(browser, `http://127.0.0.1:${gateway.port}`, gateway.account('supervisor'));
  });
  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
  });

  const url = () => `http://127.0.0.1:${gateway.port}/api/language`;
  /** The status as `GET /api/language` gives it to a supervisor, checked with the protocol's schema. */
  async function serverStatus(): Promise<LanguageModelStatus> {
    const answer = await fetch(url(), { headers: { authorization: `Bearer ${supervisorToken}` } });
    const checked = validate(LANGUAGE_MODEL_STATUS, await answer.json());
    if (!checked.ok) throw new Error(`GET /api/language answered something else: ${checked.message}`);
    return checked.value;
  }
  const shownState = () => page.getAttribute('[data-role="model"]', 'data-state');
  const text = async (selector: string) => ((await page.textContent(selector)) ?? '').replace(/\s+/g, ' ').trim();

  it('shows a supervisor the generic model on the Language page', async () => {
    await page.click('nav.app-nav a[href="/language"]');
    await eventually(async () => (await shownState()) === 'generic', 'the page shows the generic model');
    expect(await text('[data-role="state"]')).toBe('Generic model');
    expect(await text('[data-role="decoding"]')).toBe('New calls are decoded with the generic model.');
    expect(await page.inputValue('textarea[name="domainText"]')).toBe('');
  });

  it('shows the refusal naming the bad vocabulary line, and the model stays generic', async () => {
    await page.fill('textarea[name="domainText"]', DOMAIN_TEXT);
    await page.fill('textarea[name="vocabulary"]', BAD_VOCABULARY);
    await page.click('button[data-action="save"]');
    const refusal = await eventually(() => page.$('[data-role="refusal"][data-field="vocabulary"]'), 'the page shows the refusal');
    expect((await refusal.textContent())?.trim()).toMatch(/^api vocabulary line 2: unknown phones X/);
    expect(await page.getAttribute('textarea[name="vocabulary"]', 'aria-invalid')).toBe('true');
    expect(await shownState()).toBe('generic');
    expect(await serverStatus()).toMatchObject({ state: 'generic', domainText: '', error: null });
  });

  it(
    'builds good texts: the page shows building, then the model in use with the added words',
    async () => {
      await page.fill('textarea[name="vocabulary"]', GOOD_VOCABULARY);
      await page.click('button[data-action="save"]');
      await eventually(async () => (await shownState()) === 'building', 'the page shows the build');
      expect(await page.$('[data-role="refusal"]')).toBeNull();
      expect(await text('[data-role="decoding"]')).toMatch(/^New calls are decoded with the generic model until this build is in use\./);

      const built = await eventually(
        async () => {
          const status = await serverStatus();
          return status.state !== 'building' && status;
        },
        'GET /api/language says the build ended',
        { timeoutMs: BUILD_TIMEOUT_MS, intervalMs: 2000 },
      );
      expect(built).toMatchObject({ state: 'in-use', error: null });
      // The page follows the build on its own (it reads the status every 2 s).
      await eventually(async () => (await shownState()) === 'in-use', 'the page shows the model in use', { timeoutMs: 15_000 });
      expect(await page.$('[data-role="build-error"]')).toBeNull();
      expect(await text('[data-role="decoding"]')).toBe('New calls are decoded with the domain model.');
      expect(await text('[data-role="sentences"]')).toBe('3');
      expect(await page.$$eval('[data-role="added-words"] li', (items) => items.map((item) => item.textContent))).toContain('zyxel');
      await saveScreenshot(page, 'language-in-use');

      // What the page shows is what the gateway decodes new calls with.
      expect(await serverStatus()).toMatchObject({
        state: 'in-use',
        domainText: DOMAIN_TEXT,
        vocabulary: GOOD_VOCABULARY,
        domainTextFile: 'api domain text',
        sentences: 3,
        previousModelInUse: false,
        error: null,
      });

      // A reload reads the texts of the model in use back into the form.
      await page.reload();
      await eventually(async () => (await shownState()) === 'in-use', 'the reloaded page shows the model in use');
      expect(await page.inputValue('textarea[name="domainText"]')).toBe(DOMAIN_TEXT);
      expect(await page.inputValue('textarea[name="vocabulary"]')).toBe(GOOD_VOCABULARY);
    },
    BUILD_TIMEOUT_MS + 60_000,
  );

  it('keeps an agent out: no Language link, the route leads to its own view, and PUT is refused', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const agentPage = await context.newPage();
      agentPage.on('pageerror', (error) => console.error('page error:', error));
      await agentPage.goto(`http://127.0.0.1:${gateway.port}/login`);
      await signIn(agentPage, gateway.account('agent-1'));
      await agentPage.waitForURL('**/agent/agent-1');
      await agentPage.waitForSelector('nav.app-nav a');
      expect(await agentPage.$('nav.app-nav a[href="/language"]')).toBeNull();

      await agentPage.goto(`http://127.0.0.1:${gateway.port}/language`);
      await agentPage.waitForURL('**/agent/agent-1');
      expect(await agentPage.$('tnt-language-page')).toBeNull();

      const before = await serverStatus();
      const { token } = await gateway.mintToken('agent-1');
      const refused = await fetch(url(), {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ domainText: 'my router is down', vocabulary: '' }),
      });
      expect(refused.status).toBe(403);
      expect(await serverStatus()).toEqual(before);
    } finally {
      await context.close();
    }
  });
});
