import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { startGateway, type DemoGateway } from './gateway-process';
import { Witness } from './server-record';
import { TcpProxy } from './tcp-proxy';

/**
 * What the live-board tests stand on: the demo gateway behind a TCP proxy (so a test can cut the network under
 * the page), a supervisor's own `ws` witness of every call (the server's record to compare the page with), and
 * Chromium.
 */
export interface ProxiedBoard {
  readonly gateway: DemoGateway;
  /** The page's way in: `proxy.url`, not the gateway's own. */
  readonly proxy: TcpProxy;
  /** A supervisor's token for the test's own `ws` clients. */
  readonly witnessToken: string;
  readonly witness: Witness;
  readonly browser: Browser;
}

/** The parts of a board that hold a process, a socket or a port, as far as they were started. */
interface BoardParts {
  gateway?: DemoGateway;
  proxy?: TcpProxy;
  witness?: Witness;
  browser?: Browser;
}

/** Starts the gateway with `env` on a free port, the proxy in front of it, the witness and the browser. */
export async function startProxiedBoard(env: Record<string, string>): Promise<ProxiedBoard> {
  const started: BoardParts = {};
  try {
    const gateway = (started.gateway = await startGateway(0, env));
    const proxy = (started.proxy = await TcpProxy.start(gateway.port));
    const witnessToken = (await gateway.mintToken('supervisor')).token;
    const witness = (started.witness = await Witness.watchAllCalls(gateway.wsUrl, witnessToken));
    const browser = await launchChromium();
    return { gateway, proxy, witnessToken, witness, browser };
  } catch (error) {
    // A half-started board would leave a gateway process running after the suite: stop what did start.
    await stopProxiedBoard(started).catch((stopError: unknown) => console.error('stopping a half-started board failed:', stopError));
    throw error;
  }
}

/**
 * Closes the browser and the witness, then stops the proxy and the gateway: whichever of them are given, so an
 * `afterAll` can pass what its `beforeAll` got to (and a test that restarted the gateway, the one now running).
 */
export async function stopProxiedBoard(board: BoardParts): Promise<void> {
  await board.browser?.close();
  board.witness?.close();
  await board.proxy?.stop();
  await board.gateway?.stop();
}
