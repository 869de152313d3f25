import type { Browser, Page } from 'playwright-core';

/** Someone who can sign in. */
export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** A transcript line as the page shows it. */
export interface LineOnScreen {
  id: string;
  speaker: string;
  final: boolean;
  text: string;
  /** A number the page gives each `<li>` element once, to tell "replaced in place" from "re-created". */
  element: number;
}

/** A call card as the supervisor board shows it. */
export interface CardOnScreen {
  callId: string;
  agent: string;
  caller: string;
  duration: string;
  status: string;
  lastLine: string;
}

/** Reads the transcript lines on screen, in order. */
export function linesOnScreen(page: Page): Promise<LineOnScreen[]> {
  return page.$$eval('tnt-transcript li[data-segment-id]', (items) => {
    const counter = window as unknown as { tntElementCount?: number };
    return items.map((item) => {
      const li = item as HTMLElement;
      if (!li.dataset['e2eElement']) li.dataset['e2eElement'] = String((counter.tntElementCount = (counter.tntElementCount ?? 0) + 1));
      return {
        id: li.dataset['segmentId'] ?? '',
        speaker: li.dataset['speaker'] ?? '',
        final: li.dataset['final'] === 'true',
        text: (li.querySelector('.text')?.textContent ?? '').trim(),
        element: Number(li.dataset['e2eElement']),
      };
    });
  });
}

/** Reads the live (or recently ended) call cards of the supervisor board. */
export function cardsOnScreen(page: Page, section: 'live' | 'ended' = 'live'): Promise<CardOnScreen[]> {
  return page.$$eval(`section[aria-labelledby="${section}-heading"] tnt-call-card`, (cards) =>
    cards.map((card) => {
      const text = (selector: string) => (card.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return {
        callId: card.getAttribute('data-call-id') ?? '',
        agent: text('.agent'),
        caller: text('.caller'),
        duration: text('.duration'),
        status: text('.status'),
        lastLine: text('.last-line'),
      };
    }),
  );
}

/** The connection banner's state (`connected`, `reconnecting`, …). */
export async function bannerState(page: Page): Promise<string | null> {
  return page.getAttribute('tnt-connection-banner', 'data-state');
}

/**
 * Signs in on the sign-in page the way a keyboard user does: the username (unless already
 * filled in), Tab, the password, Enter. Resolves once the page has left `/login`.
 */
export async function signIn(page: Page, credentials: Credentials): Promise<void> {
  await page.waitForSelector('tnt-login-form input[name="username"]');
  const username = page.locator('input[name="username"]');
  if ((await username.inputValue()) !== credentials.username) {
    await username.fill('');
    await username.pressSequentially(credentials.username);
  }
  await username.focus();
  await page.keyboard.press('Tab');
  await page.keyboard.type(credentials.password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 10_000 });
}

/** Who the header says is signed in, e.g. `Signed in as agent-1, role Agent`; null when nobody is. */
export async function signedInAs(page: Page): Promise<string | null> {
  const who = await page.$('header .who');
  return who ? ((await who.textContent()) ?? '').replace(/\s+/g, ' ').trim() : null;
}

/** The path and query of the page, e.g. `/login?returnUrl=%2Fcalls%2Fabc`. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The id of the call the page shows in its call header, or null when it shows none. */
export async function shownCallId(page: Page): Promise<string | null> {
  const id = await page.$('tnt-call-header .subtitle code');
  return id ? ((await id.textContent()) ?? '').trim() : null;
}

/**
 * A new page of `browser`, signed in as `credentials` on the dashboard served at `baseUrl`
 * (e.g. `http://127.0.0.1:3000`), that logs its uncaught errors. `options` are the page's own
 * (`viewport`, 1280×900 unless given; `acceptDownloads` …).
 */
export async function openSignedInPage(
  browser: Browser,
  baseUrl: string,
  credentials: Credentials,
  options: Parameters<Browser['newPage']>[0] = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...options });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(`${baseUrl}/login`);
  await signIn(page, credentials);
  return page;
}
