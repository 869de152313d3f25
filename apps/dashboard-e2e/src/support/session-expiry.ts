import type { TranscriptSegment } from '@tnt/protocol';
import type { BrowserContext, Page } from 'playwright-core';
import { bannerState, linesOnScreen, pathOf, signIn, type LineOnScreen } from './dashboard-page';
import type { DemoGateway } from './gateway-process';
import { streamOwnCall } from './own-call';
import { saveScreenshot } from './screenshots';
import { fetchSnapshot, waitUntil } from './server-record';

/** The shortest token lifetime the gateway issues (TNT_TOKEN_TTL_SECONDS and `users token --ttl`). */
export const SHORTEST_TOKEN_TTL_SECONDS = 60;
/** The test's own call starts this long before the token expires; its 24.5 s of speech run on past the expiry. */
const CALL_STARTS_BEFORE_EXPIRY_MS = 18_000;

/** What the session-expiry scenario saw, for its test to judge. */
export interface SessionExpiryRun {
  readonly callId: string;
  readonly expiresAt: number;
  /** When the call page first showed a final line (before the expiry, so the page had part of the call). */
  readonly firstFinalSeenAt: number;
  /** The sign-in page the expiry led to. */
  readonly signInPage: { readonly path: string; readonly notice: string | undefined; readonly username: string };
  readonly signedOutAt: number;
  readonly signedInAt: number;
  readonly pathAfterSignIn: string;
  /** The call page's lines once the call ended. */
  readonly onScreen: Omit<LineOnScreen, 'element'>[];
  /** The server's record of the call once it ended. */
  readonly recorded: TranscriptSegment[];
  /** Why streaming the call failed, or null. */
  readonly ownCallFailure: unknown;
}

/** What the scenario needs from the suite. */
export interface SessionExpiryParts {
  readonly gateway: DemoGateway;
  /** A supervisor's token for the scenario's own look at the server's record. */
  readonly witnessToken: string;
  /** A tab in a browser context of its own (its own sessionStorage). */
  readonly newTab: () => Promise<{ context: BrowserContext; tab: Page }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * A supervisor tab signed in with a token that expires in 60 s, the shortest the gateway issues,
 * minted with the users CLI and stored as the sign-in page stores a session. Waiting that long is
 * what the scenario is about, so the suite runs it alongside its other tests instead of before
 * them; it talks to the gateway directly (the other tests cut the proxy) and watches a call of
 * its own (real speech through /ingest/l16) that starts shortly before the expiry and goes on
 * past it, so the timing does not depend on when demo calls happen to start. After the expiry it
 * waits until the server has finalised a line the tab missed, signs in again and lets the call end.
 */
export async function runSessionExpiry({ gateway, witnessToken, newTab }: SessionExpiryParts): Promise<SessionExpiryRun> {
  const baseUrl = `http://127.0.0.1:${gateway.port}`;
  const { context, tab } = await newTab();
  try {
    const minted = await gateway.mintToken('supervisor', SHORTEST_TOKEN_TTL_SECONDS);
    const expiresAt = Date.parse(minted.expiresAt);
    await tab.goto(`${baseUrl}/login`);
    await tab.evaluate((session) => sessionStorage.setItem('tnt.session', JSON.stringify(session)), {
      token: minted.token,
      expiresAt: minted.expiresAt,
      username: 'supervisor',
      role: 'supervisor',
    });
    await tab.goto(`${baseUrl}/`);
    await waitUntil(async () => (await bannerState(tab)) === 'connected', 10_000, 'the board to connect with the minted token');

    await sleep(expiresAt - CALL_STARTS_BEFORE_EXPIRY_MS - Date.now());
    const callId = `e2e-expiry-${Date.now().toString(36)}`;
    const ownCallFailure = streamOwnCall(baseUrl, gateway.ingestApiKey, {
      callId,
      agentId: 'agent-4',
      from: '+15550199',
      to: '+18005550199',
    }).then(
      () => null,
      (error: unknown) => error,
    );
    // Opened as a supervisor would, from the board: once the server holds the call (starting one is
    // asynchronous, and a page opened before that is told the call is not known).
    let refused: unknown = null;
    void ownCallFailure.then((failure) => (refused = failure));
    await waitUntil(
      () => {
        // A call the gateway refused (at capacity, say) will never be held: say why at once.
        if (refused) throw refused;
        return fetchSnapshot(gateway.wsUrl, witnessToken, callId).then(
          () => true,
          () => false,
        );
      },
      10_000,
      'the server to hold the call',
    );
    await tab.goto(`${baseUrl}/calls/${callId}`);
    const firstFinalSeenAt = await waitUntil(
      async () => (await linesOnScreen(tab)).some((line) => line.final) && Date.now(),
      expiresAt - 500 - Date.now(),
      'a first final line before the token expires',
    );

    await tab.waitForURL('**/login?returnUrl=*', { timeout: Math.max(0, expiresAt - Date.now()) + 10_000 });
    const signedOutAt = Date.now();
    await tab.waitForSelector('tnt-login-form');
    const signInPage = {
      path: pathOf(tab),
      notice: (await tab.textContent('tnt-login-form [role="status"]'))?.trim(),
      username: await tab.inputValue('input[name="username"]'),
    };
    await saveScreenshot(tab, 'session-expired');
    await waitUntil(
      async () =>
        (await fetchSnapshot(gateway.wsUrl, witnessToken, callId)).transcript.some(
          (segment) => segment.isFinal && Date.parse(segment.timestamp) > signedOutAt,
        ),
      15_000,
      'a line finalised while signed out',
    );

    await signIn(tab, gateway.account('supervisor'));
    const signedInAt = Date.now();
    const pathAfterSignIn = pathOf(tab);
    await waitUntil(async () => (await tab.textContent('tnt-call-header .status'))?.startsWith('Ended'), 30_000, 'the call to end');
    const recorded = (await fetchSnapshot(gateway.wsUrl, witnessToken, callId)).transcript;
    const onScreen = (await linesOnScreen(tab)).map(({ element: _element, ...line }) => line);
    return {
      callId,
      expiresAt,
      firstFinalSeenAt,
      signInPage,
      signedOutAt,
      signedInAt,
      pathAfterSignIn,
      onScreen,
      recorded,
      ownCallFailure: await ownCallFailure,
    };
  } finally {
    await context.close();
  }
}
