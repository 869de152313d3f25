import type { TranscriptSegment } from '@tnt/protocol';
import type { GatewayProcess } from '@tnt/tools/util-gateway-process';
import { orderSegments } from '@tnt/dashboard/util-model';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import {
  HistoryApi,
  provisionSupervisor,
  SQLITE_STORE,
  startHistoryGateway,
  type ProvisionedUser,
  type StoreEnvironment,
  type StoredCall,
} from './support/history-gateway';
import { download, linesIn, overflowsHorizontally, signIn, type ShownLine } from './support/history-page';
import { saveScreenshot } from './support/screenshots';
import { waitUntil } from './support/server-record';

/** A stored final segment in the shape a page shows it. */
function asShown(segment: TranscriptSegment): ShownLine {
  return { id: segment.id, speaker: segment.speaker, final: true, text: segment.text };
}

/** The longest word of the call's lines: rare enough to find this call, and surely in one of its lines. */
function wordToSearch(segments: readonly TranscriptSegment[]): string {
  const words = segments.flatMap((segment) => segment.text.split(/[^A-Za-z]+/)).filter((word) => word.length >= 4);
  const longest = words.sort((left, right) => right.length - left.length)[0];
  if (!longest) throw new Error(`no word to search for in: ${segments.map((segment) => segment.text).join(' | ')}`);
  return longest;
}

/** Each store the history runs on: its environment, a screenshot suffix, and what drops its data afterwards. */
const STORES: [name: string, store: () => { env: StoreEnvironment; shotSuffix: string; drop: () => Promise<void> }][] = [
  ['SQLite', () => ({ env: SQLITE_STORE, shotSuffix: '', drop: async () => undefined })],
  [
    'PostgreSQL',
    () => {
      const schema = randomSchemaName();
      return {
        env: { TNT_STORE: 'postgres', TNT_DATABASE_URL: TEST_DATABASE_URL, TNT_DATABASE_SCHEMA: schema },
        shotSuffix: '-postgres',
        drop: () => dropSchema(schema),
      };
    },
  ],
];

describe.each(STORES)('call history in Chromium against the real gateway (%s store, demo calls through pocketsphinx)', (_name, storeOf) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-history-e2e-'));
  const store = storeOf();
  /** The committed docs picture comes from the SQLite run only. */
  const shot = (page: Page, shotName: string, docsName?: string) =>
    saveScreenshot(page, `${shotName}${store.shotSuffix}`, store.shotSuffix === '' ? docsName : undefined);
  let gateway: GatewayProcess;
  let supervisor: ProvisionedUser;
  let api: HistoryApi;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    supervisor = await provisionSupervisor(dataDir, 'history-lead', store.env);
    gateway = await startHistoryGateway(0, dataDir, store.env);
    api = new HistoryApi(`http://127.0.0.1:${gateway.port}`, supervisor.token);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page.on('pageerror', (error) => console.error('page error:', error));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await store.drop();
  });

  it('finds an ended call by a spoken word, shows the line with the word marked, opens it read-only and exports txt and vtt', async () => {
    const finished = await waitUntil(
      async () => (await api.listCalls('status=ended')).find((call) => call.endReason === 'completed' && call.finalSegmentCount >= 3),
      90_000,
      'a demo call to finish with three final lines',
    );
    const stored = await api.transcript(finished.id);
    const word = wordToSearch(stored.segments);

    await signIn(page, `http://127.0.0.1:${gateway.port}`, supervisor.username, supervisor.password);
    await page.click('nav[aria-label="Main"] a[href="/history"]');
    await page.waitForURL('**/history');
    await page.fill('#tnt-history-text', word);
    await page.click('form[role="search"] button[type="submit"]');
    await page.waitForURL((url) => url.pathname === '/history' && url.searchParams.get('q') === word);
    const result = `tnt-history-result[data-call-id="${finished.id}"]`;
    await page.waitForSelector(`${result} mark`);

    const marked = await page.$$eval(`${result} .match`, (matches) =>
      matches.map((match) => ({
        text: match.querySelector('.text')?.textContent ?? '',
        marks: Array.from(match.querySelectorAll('mark'), (mark) => mark.textContent ?? ''),
      })),
    );
    expect(marked.some((match) => match.marks.some((mark) => mark.toLowerCase() === word.toLowerCase()))).toBe(true);
    expect(stored.segments.map((segment) => segment.text)).toEqual(expect.arrayContaining(marked.map((match) => match.text)));
    await shot(page, 'history', 'history');

    for (const viewport of [
      { width: 360, height: 740 },
      { width: 2560, height: 1440 },
    ]) {
      await page.setViewportSize(viewport);
      expect(await overflowsHorizontally(page)).toBe(false);
      await shot(page, `history-${viewport.width}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.click(`${result} h3 a`);
    await page.waitForURL(`**/history/${finished.id}`);
    const expected = orderSegments(stored.segments).map(asShown);
    await waitUntil(async () => (await linesIn(page, 'tnt-past-transcript')).length === expected.length, 10_000, 'the stored transcript');
    expect(await linesIn(page, 'tnt-past-transcript')).toEqual(expected);
    expect(await page.textContent('tnt-call-header .status')).toBe('Ended (completed)');
    await shot(page, 'history-call');

    const txt = await download(page, 'button[data-action="txt"]');
    expect(txt.fileName).toBe(`call-${finished.id}.txt`);
    const vtt = await download(page, 'button[data-action="vtt"]');
    expect(vtt.fileName).toBe(`call-${finished.id}.vtt`);
    expect(vtt.text.startsWith('WEBVTT')).toBe(true);
    for (const segment of stored.segments) {
      expect(txt.text).toContain(segment.text);
      expect(vtt.text).toContain(segment.text);
    }
  }, 180_000);

  it('after a gateway restart, an open call view ends up showing every final line the server stored for the call, once', async () => {
    const known = new Set((await api.listCalls('limit=200')).map((call) => call.id));
    const live: StoredCall = await waitUntil(
      async () => (await api.listCalls('status=active')).find((call) => !known.has(call.id)),
      40_000,
      'a new demo call to start',
    );
    await page.goto(`http://127.0.0.1:${gateway.port}/calls/${live.id}`);
    await waitUntil(async () => (await linesIn(page, 'tnt-transcript')).some((line) => line.final), 30_000, 'a first final line on screen');

    const port = gateway.port;
    expect(await gateway.stop('SIGTERM')).toBe(0);
    gateway = await startHistoryGateway(port, dataDir, store.env);

    const stored = await api.transcript(live.id);
    expect(stored.call).toMatchObject({ status: 'ended', endReason: 'shutdown' });
    const expected = orderSegments(stored.segments).map(asShown);
    expect(expected.length).toBeGreaterThan(0);
    const shownFinals = async () => (await linesIn(page, 'tnt-transcript')).filter((line) => line.final);
    await waitUntil(
      async () => JSON.stringify(await shownFinals()) === JSON.stringify(expected),
      30_000,
      'the view to show every stored final line',
    );

    const shown = await linesIn(page, 'tnt-transcript');
    expect(shown.filter((line) => line.final)).toEqual(expected);
    expect(new Set(shown.map((line) => line.id)).size).toBe(shown.length);
    await waitUntil(
      async () => (await page.textContent('tnt-call-header .status'))?.startsWith('Ended'),
      10_000,
      'the view to show the call ended',
    );
    await shot(page, 'history-restart-call');
  }, 180_000);
});
