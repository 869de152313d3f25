import { isServerMessage, type ServerMessage, type TranscriptSegment } from '@tnt/protocol';
import { orderSegments } from '@tnt/dashboard/util-model';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  bannerState,
  cardsOnScreen,
  linesOnScreen,
  pathOf,
  shownCallId,
  signIn,
  signedInAs,
  type LineOnScreen,
} from './support/dashboard-page';
import { startGateway, type DemoGateway } from './support/gateway-process';
import { saveScreenshot } from './support/screenshots';
import { runSessionExpiry, type SessionExpiryRun } from './support/session-expiry';
import { fetchSnapshot, waitUntil, Witness } from './support/server-record';
import { startProxiedBoard, stopProxiedBoard } from './support/proxied-board';
import type { TcpProxy } from './support/tcp-proxy';

/**
 * The real product path: the gateway's demo runs the call simulator, which streams the fixture
 * conversations (20–25 s of real speech each) through /ingest/l16 into pocketsphinx.
 */
// The dashboard's behaviour, not admission control (overload.e2e tests that): the suite's own calls start seconds after
// three demo calls, when admission allows one new call per 5 s near capacity, and must not be refused.
const DEMO_ENV = { TNT_ENGINE: 'pocketsphinx', TNT_DEMO_CALLS: '3', TNT_DEMO_SPEED: '1', TNT_CAPACITY_REFUSE_CALLS: '0' };
/** How long the proxy refuses connections during the cut. */
const OUTAGE_MS = 6000;

/** A final line as the server recorded it, in the shape the page shows. */
function asShown(segment: TranscriptSegment): Omit<LineOnScreen, 'element'> {
  return { id: segment.id, speaker: segment.speaker, final: segment.isFinal, text: segment.text };
}

describe('dashboard in Chromium against the real gateway', () => {
  let gateway: DemoGateway;
  let proxy: TcpProxy;
  /** A supervisor's token for the test's own `ws` clients. */
  let witnessToken: string;
  let witness: Witness;
  let browser: Browser;
  /** The supervisor's tab, signed in by the first test. */
  let page: Page;
  /** agent-1's own browser (separate sessionStorage), signed in by the agent test. */
  let agentContext: BrowserContext;
  let agentPage: Page;
  /** The session-expiry scenario, running alongside the other tests (see {@link runSessionExpiry}). */
  let sessionExpiry: Promise<SessionExpiryRun>;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  async function newTab(): Promise<{ context: BrowserContext; tab: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const tab = await context.newPage();
    tab.on('pageerror', (error) => console.error('page error:', error));
    return { context, tab };
  }

  /** Opens a call that has just started, so that it goes on for a while. */
  async function openFreshCall(): Promise<string> {
    const started = await witness.nextCallStart();
    await page.goto(`${proxy.url}/calls/${started.call.id}`);
    await page.waitForSelector('tnt-call-header h1');
    return started.call.id;
  }

  /** The call page's final lines must be exactly the server's record of the call, once each. */
  async function expectTranscriptAsRecorded(tab: Page, callId: string): Promise<TranscriptSegment[]> {
    const record = await fetchSnapshot(gateway.wsUrl, witnessToken, callId);
    const onScreen = (await linesOnScreen(tab)).map(({ element: _element, ...line }) => line);
    expect(onScreen).toEqual(orderSegments(record.transcript).map(asShown));
    expect(new Set(onScreen.map((line) => line.id)).size).toBe(onScreen.length);
    return record.transcript;
  }

  beforeAll(async () => {
    ({ gateway, proxy, witnessToken, witness, browser } = await startProxiedBoard(DEMO_ENV));
    ({ tab: page } = await newTab());
    ({ context: agentContext, tab: agentPage } = await newTab());
    sessionExpiry = runSessionExpiry({ gateway, witnessToken, newTab });
    // Its outcome is awaited (and reported) by its own test; this only keeps an early failure from counting as unhandled.
    sessionExpiry.catch(() => undefined);
  });

  afterAll(async () => {
    await stopProxiedBoard({ browser, witness, proxy, gateway });
  });

  it('sends a signed-out visitor to the sign-in page, signs the supervisor in and shows every live call', async () => {
    await page.goto(`${proxy.url}/`);
    await page.waitForURL('**/login');
    expect(await page.textContent('main h1')).toBe('Sign in to TnT');
    expect(await page.$('tnt-connection-banner')).toBeNull();
    await page.fill('input[name="username"]', 'supervisor');
    await saveScreenshot(page, 'login', 'login');

    await signIn(page, gateway.account('supervisor'));
    expect(pathOf(page)).toBe('/');
    expect(await signedInAs(page)).toBe('Signed in as supervisor, role Supervisor');

    // Every call the server has going on, and no other.
    await waitUntil(
      async () => {
        const onBoard = (await cardsOnScreen(page)).map((card) => card.callId).sort();
        const live = [...witness.liveCalls().keys()].sort();
        return onBoard.length >= 2 && JSON.stringify(onBoard) === JSON.stringify(live);
      },
      20_000,
      'the board to show exactly the live calls the server has',
    );
    const cards = await waitUntil(
      async () => {
        const live = await cardsOnScreen(page);
        return live.some((card) => card.lastLine !== 'No final line yet') && live;
      },
      20_000,
      'a live call with a final line',
    );
    for (const card of cards) {
      expect(card.agent).toMatch(/^agent-\d+$/);
      expect(card.caller).toMatch(/^\+1555\d+$/);
      expect(card.status).toBe('Live');
      expect(card.duration).toMatch(/^\d+:\d\d$/);
    }
    const liveCount = await page.textContent('.live-count strong');
    expect(Number(liveCount)).toBe((await cardsOnScreen(page)).length);
    const first = cards[0];
    await waitUntil(
      async () => (await cardsOnScreen(page)).find((card) => card.callId === first.callId)?.duration !== first.duration,
      5000,
      'the duration to tick',
    );
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
        return (
          interim &&
          final &&
          final.speaker === speaker &&
          final.element === interim.element &&
          states.indexOf(interim) < states.indexOf(final)
        );
      });
    await waitUntil(
      async () => {
        for (const line of await linesOnScreen(page)) {
          const states = seen.get(line.id) ?? [];
          const last = states.at(-1);
          if (!last || last.final !== line.final || last.text !== line.text) seen.set(line.id, [...states, line]);
        }
        return replacedInPlace('caller') && replacedInPlace('agent');
      },
      20_000,
      'an interim line replaced by its final for caller and agent',
    );

    // A few lines in, with someone speaking, for the picture.
    await waitUntil(
      async () => {
        const lines = await linesOnScreen(page);
        return lines.filter((line) => line.final).length >= 4 && lines.some((line) => !line.final);
      },
      20_000,
      'four final lines and an interim one',
    );
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
    const reconnectedAt = await waitUntil(
      async () => (await bannerState(page)) === 'connected' && Date.now(),
      15_000,
      'the banner to clear',
    );
    // Still signed in: the failed attempts were the network, and /api/auth/me said so.
    expect(pathOf(page)).toBe(`/calls/${callId}`);

    await waitUntil(async () => (await page.textContent('tnt-call-header .status'))?.startsWith('Ended'), 30_000, 'the call to end');
    const recorded = await expectTranscriptAsRecorded(page, callId);
    // The outage really cost events: the server finalised lines while the page was cut off.
    const missedWhileCut = recorded.filter((segment) => {
      const at = Date.parse(segment.timestamp);
      return at > cutAt && at < reconnectedAt;
    });
    expect(missedWhileCut.length).toBeGreaterThan(0);

    await page.goto(`${proxy.url}/`);
    await waitUntil(
      async () => (await cardsOnScreen(page)).length >= 2 && (await cardsOnScreen(page, 'ended')).length >= 1,
      15_000,
      'live and ended calls',
    );
    await saveScreenshot(page, 'supervisor', 'supervisor');
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const { context, tab } = await newTab();
    await tab.goto(`${proxy.url}/login`);
    await tab.fill('input[name="username"]', 'supervisor');
    await tab.fill('input[name="password"]', 'not-the-password');
    await tab.press('input[name="password"]', 'Enter');

    const alert = tab.locator('tnt-login-form [role="alert"]');
    await alert.getByText('That username and password do not match an account.').waitFor();
    expect(pathOf(tab)).toBe('/login');
    expect(await tab.evaluate(() => sessionStorage.length)).toBe(0);
    // The password is selected, ready to be typed again.
    expect(await tab.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    await saveScreenshot(tab, 'login-wrong-password');
    await context.close();
  });

  it("signs an agent in to its own view, which gets only the agent's calls; the board and other agents' calls stay closed", async () => {
    const frames: ServerMessage[] = [];
    agentPage.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const message: unknown = JSON.parse(String(payload));
        if (isServerMessage(message)) frames.push(message);
      }),
    );
    await agentPage.goto(`${proxy.url}/`);
    await signIn(agentPage, gateway.account('agent-1'));
    await agentPage.waitForURL('**/agent/agent-1');
    expect(await signedInAs(agentPage)).toBe('Signed in as agent-1, role Agent');
    expect(await agentPage.textContent('nav a.active')).toBe('My calls');
    await waitUntil(async () => (await agentPage.textContent('.state')) === 'On a call', 30_000, 'agent-1 to be on a call');
    expect(await agentPage.textContent('tnt-call-header h2')).toMatch(/^agent-1 with \+1555\d+$/);

    await agentPage.goto(`${proxy.url}/`);
    await agentPage.waitForURL('**/agent/agent-1');
    await agentPage.goto(`${proxy.url}/agent/agent-2`);
    await agentPage.waitForURL('**/agent/agent-1');
    const othersCall = await waitUntil(
      () => [...witness.liveCalls()].find(([, agentId]) => agentId !== 'agent-1')?.[0],
      20_000,
      "another agent's live call",
    );
    await agentPage.goto(`${proxy.url}/calls/${othersCall}`);
    await agentPage.waitForSelector('[role="alert"] h1');
    expect(await agentPage.textContent('[role="alert"] h1')).toBe(`Call ${othersCall} is not available`);
    expect(await linesOnScreen(agentPage)).toEqual([]);

    // Everything the socket brought this browser was about agent-1's calls.
    const agents = witness.agentsByCall();
    const callIds = frames.flatMap((message) => {
      if (message.type === 'call' || message.type === 'snapshot') return [message.call.id];
      if (message.type === 'transcript') return [message.callId];
      if (message.type === 'subscribed') return (message.calls ?? []).map((call) => call.id);
      return [];
    });
    expect(callIds.length).toBeGreaterThan(0);
    expect(new Set(callIds.map((callId) => agents.get(callId)))).toEqual(new Set(['agent-1']));
    expect(frames).toContainEqual(expect.objectContaining({ type: 'error', code: 'CALL_NOT_FOUND', callId: othersCall }));
  });

  it('returns to the sign-in page when the session expires; signed in again, it shows every final line of the call once', async () => {
    const run = await sessionExpiry;

    expect(run.ownCallFailure).toBeNull();
    expect(run.firstFinalSeenAt).toBeLessThan(run.expiresAt);
    expect(run.signInPage).toEqual({
      path: `/login?returnUrl=${encodeURIComponent(`/calls/${run.callId}`)}`,
      notice: 'Your session expired. Sign in again to continue where you left off.',
      username: 'supervisor',
    });
    expect(run.signedOutAt).toBeGreaterThanOrEqual(run.expiresAt - 1000);
    expect(run.pathAfterSignIn).toBe(`/calls/${run.callId}`);
    expect(run.onScreen).toEqual(orderSegments(run.recorded).map(asShown));
    expect(new Set(run.onScreen.map((line) => line.id)).size).toBe(run.onScreen.length);
    // The call went on while nobody was signed in: those lines came back with `since` after signing in.
    const finalisedWhileSignedOut = run.recorded.filter((segment) => {
      const at = Date.parse(segment.timestamp);
      return segment.isFinal && at > run.signedOutAt && at < run.signedInAt;
    });
    expect(finalisedWhileSignedOut.length).toBeGreaterThan(0);
  });

  it("shows the gateway's restart, reconnects by itself, and the agent view picks up the agent's next call", async () => {
    await agentPage.goto(`${proxy.url}/agent/agent-1`);
    await agentPage.waitForSelector('h1');
    expect(await agentPage.textContent('h1')).toBe('Agent agent-1');
    await waitUntil(async () => (await bannerState(agentPage)) === 'connected', 10_000, 'a connection');
    const callBefore = await shownCallId(agentPage);

    const { port, dataDir } = gateway;
    expect(await gateway.stop('SIGTERM')).toBe(0);
    await waitUntil(async () => (await bannerState(agentPage)) === 'reconnecting', 10_000, 'the reconnecting banner');
    // The call the page showed ended with the gateway. Whether its `ended` event got out first depends
    // on the gateway's flush budget at shutdown (2.5 s, exceeded on a loaded machine), so the page
    // is judged once it is back: by then it knows from the server which calls are still held.

    witness.close();
    // The same data directory keeps the signing secret, so the agent's token is still good.
    gateway = await startGateway(port, DEMO_ENV, { dataDir });
    witness = await Witness.watchAllCalls(gateway.wsUrl, witnessToken);
    // Past its first three attempts (1 s, 2 s, 4 s) the page waits up to 30 s between attempts (full jitter): a
    // restart slower than 7 s on a busy machine may meet a wait that long.
    await waitUntil(async () => (await bannerState(agentPage)) === 'connected', 35_000, 'the dashboard to reconnect by itself');
    expect(pathOf(agentPage)).toBe('/agent/agent-1');
    await waitUntil(
      async () => {
        const shown = await shownCallId(agentPage);
        return shown !== null && shown !== callBefore && (await agentPage.textContent('.state')) === 'On a call';
      },
      20_000,
      "agent-1's next call",
    );
    expect(await agentPage.textContent('tnt-call-header h2')).toMatch(/^agent-1 with \+1555\d+$/);
    await waitUntil(
      async () => (await linesOnScreen(agentPage)).filter((line) => line.final).length >= 3,
      60_000,
      'the new call to be transcribed',
    );
    await saveScreenshot(agentPage, 'agent', 'agent');
  });

  it('signs out from the header: the sign-in page, no token left in the tab, and the live pages closed to it', async () => {
    const [liveSocket] = await Promise.all([agentPage.waitForEvent('websocket'), agentPage.goto(`${proxy.url}/agent/agent-1`)]);
    await waitUntil(async () => (await bannerState(agentPage)) === 'connected', 10_000, 'a connection');

    await agentPage.click('header button.sign-out');
    await agentPage.waitForURL('**/login');
    await waitUntil(() => liveSocket.isClosed(), 5000, 'the socket to close');
    expect(await agentPage.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await signedInAs(agentPage)).toBeNull();

    await agentPage.goto(`${proxy.url}/agent/agent-1`);
    await agentPage.waitForURL('**/login?returnUrl=%2Fagent%2Fagent-1');
    expect(await agentPage.$('tnt-connection-banner')).toBeNull();
    await agentContext.close();
  });
});
