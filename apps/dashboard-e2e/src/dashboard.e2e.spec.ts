import type { TranscriptSegment } from '@tnt/protocol';
import { orderSegments } from '@tnt/dashboard/util-model';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { bannerState, cardsOnScreen, linesOnScreen, type LineOnScreen } from './support/dashboard-page';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { saveScreenshot } from './support/screenshots';
import { fetchSnapshot, waitUntil, Witness } from './support/server-record';
import { TcpProxy } from './support/tcp-proxy';

/**
 * The real product path: the gateway's demo runs the call simulator, which streams the fixture
 * conversations (20–25 s of real speech each) through /ingest/l16 into pocketsphinx.
 */
const DEMO_ENV = { TNT_ENGINE: 'pocketsphinx', TNT_DEMO_CALLS: '3', TNT_DEMO_SPEED: '1' };
/** How long the proxy refuses connections during the cut. */
const OUTAGE_MS = 4000;

/** A final line as the server recorded it, in the shape the page shows. */
function asShown(segment: TranscriptSegment): Omit<LineOnScreen, 'element'> {
  return { id: segment.id, speaker: segment.speaker, final: segment.isFinal, text: segment.text };
}

describe('dashboard in Chromium against the real gateway', () => {
  let gateway: GatewayProcess;
  let proxy: TcpProxy;
  let witness: Witness;
  let browser: Browser;
  let page: Page;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Opens a call that has just started, so that it goes on for a while. */
  async function openFreshCall(): Promise<string> {
    const started = await witness.nextCallStart();
    await page.goto(`${proxy.url}/calls/${started.call.id}`);
    await page.waitForSelector('tnt-call-header h1');
    return started.call.id;
  }

  beforeAll(async () => {
    gateway = await startGateway(0, DEMO_ENV);
    proxy = await TcpProxy.start(gateway.port);
    witness = await Witness.watchAllCalls(gateway.wsUrl);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error));
  });

  afterAll(async () => {
    await browser?.close();
    witness?.close();
    await proxy?.stop();
    await gateway?.stop();
  });

  it('shows the supervisor every live call with agent, caller, a ticking duration and the last line', async () => {
    await page.goto(`${proxy.url}/`);
    const cards = await waitUntil(async () => {
      const live = await cardsOnScreen(page);
      return live.length >= 2 && live.some((card) => card.lastLine !== 'No final line yet') && live;
    }, 20_000, 'two live calls with a final line');

    for (const card of cards) {
      expect(card.agent).toMatch(/^agent-\d+$/);
      expect(card.caller).toMatch(/^\+1555\d+$/);
      expect(card.status).toBe('Live');
      expect(card.duration).toMatch(/^\d+:\d\d$/);
    }
    const liveCount = await page.textContent('.live-count strong');
    expect(Number(liveCount)).toBe((await cardsOnScreen(page)).length);
    const first = cards[0];
    await waitUntil(async () => (await cardsOnScreen(page)).find((card) => card.callId === first.callId)?.duration !== first.duration, 5000, 'the duration to tick');
    await saveScreenshot(page, 'supervisor-first-load');
  });

  it('opens a call from the board and shows interim text replaced by its final, for both speakers', async () => {
    const started = await witness.nextCallStart();
    await page.goto(`${proxy.url}/`);
    await page.click(`tnt-call-card[data-call-id="${started.call.id}"] a`);
    await page.waitForURL(`**/calls/${started.call.id}`);

    const seen = new Map<string, LineOnScreen[]>();
    const replacedInPlace = (speaker: string) =>
      [...seen.values()].some((states) => {
        const interim = states.find((state) => !state.final);
        const final = states.find((state) => state.final);
        return interim && final && final.speaker === speaker && final.element === interim.element && states.indexOf(interim) < states.indexOf(final);
      });
    await waitUntil(async () => {
      for (const line of await linesOnScreen(page)) {
        const states = seen.get(line.id) ?? [];
        const last = states.at(-1);
        if (!last || last.final !== line.final || last.text !== line.text) seen.set(line.id, [...states, line]);
      }
      return replacedInPlace('caller') && replacedInPlace('agent');
    }, 20_000, 'an interim line replaced by its final for caller and agent');

    // A few lines in, with someone speaking, for the picture.
    await waitUntil(async () => {
      const lines = await linesOnScreen(page);
      return lines.filter((line) => line.final).length >= 4 && lines.some((line) => !line.final);
    }, 20_000, 'four final lines and an interim one');
    await saveScreenshot(page, 'call', 'call');
  });

  it('shows reconnecting when the connection is cut mid-call, then recovers the transcript with no gap and no duplicate', async () => {
    const callId = await openFreshCall();
    await waitUntil(async () => (await linesOnScreen(page)).some((line) => line.final), 15_000, 'a first final line');
    expect(await bannerState(page)).toBe('connected');

    const cutAt = Date.now();
    await proxy.cut();
    await waitUntil(async () => (await bannerState(page)) === 'reconnecting', 5000, 'the reconnecting banner');
    expect(await page.textContent('tnt-connection-banner')).toContain('Connection lost.');
    await saveScreenshot(page, 'call-reconnecting');
    await sleep(OUTAGE_MS - (Date.now() - cutAt));
    await proxy.resume();
    const reconnectedAt = await waitUntil(async () => (await bannerState(page)) === 'connected' && Date.now(), 15_000, 'the banner to clear');

    await waitUntil(async () => (await page.textContent('tnt-call-header .status'))?.startsWith('Ended'), 30_000, 'the call to end');
    const record = await fetchSnapshot(gateway.wsUrl, callId);
    const onScreen = (await linesOnScreen(page)).map(({ element: _element, ...line }) => line);

    expect(onScreen).toEqual(orderSegments(record.transcript).map(asShown));
    expect(new Set(onScreen.map((line) => line.id)).size).toBe(onScreen.length);
    // The outage really cost events: the server finalised lines while the page was cut off.
    const missedWhileCut = record.transcript.filter((segment) => {
      const at = Date.parse(segment.timestamp);
      return at > cutAt && at < reconnectedAt;
    });
    expect(missedWhileCut.length).toBeGreaterThan(0);
    expect(Date.parse(record.call.endedAt ?? '')).toBeGreaterThan(reconnectedAt);

    await page.goto(`${proxy.url}/`);
    await waitUntil(async () => (await cardsOnScreen(page)).length >= 2 && (await cardsOnScreen(page, 'ended')).length >= 1, 15_000, 'live and ended calls');
    await saveScreenshot(page, 'supervisor', 'supervisor');
  });

  it("shows the gateway's restart, reconnects by itself, and the agent view picks up the agent's next call", async () => {
    await page.goto(`${proxy.url}/agent/agent-1`);
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Agent agent-1');
    await waitUntil(async () => (await bannerState(page)) === 'connected', 10_000, 'a connection');

    const port = gateway.port;
    expect(await gateway.stop('SIGTERM')).toBe(0);
    await waitUntil(async () => (await bannerState(page)) === 'reconnecting', 10_000, 'the reconnecting banner');
    await page.waitForSelector('#waiting-heading');
    expect(await page.textContent('#waiting-heading')).toBe('Waiting for a call');

    witness.close();
    gateway = await startGateway(port, DEMO_ENV);
    witness = await Witness.watchAllCalls(gateway.wsUrl);
    await waitUntil(async () => (await bannerState(page)) === 'connected', 15_000, 'the dashboard to reconnect by itself');
    await waitUntil(async () => (await page.textContent('.state')) === 'On a call', 15_000, 'agent-1 to get the next call');
    expect(await page.textContent('tnt-call-header h2')).toMatch(/^agent-1 with \+1555\d+$/);
    await waitUntil(async () => (await linesOnScreen(page)).filter((line) => line.final).length >= 3, 20_000, 'the new call to be transcribed');
    await saveScreenshot(page, 'agent', 'agent');
  });
});
