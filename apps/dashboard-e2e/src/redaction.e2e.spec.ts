import { leaksIn, PLANTED_CONVERSATION, PLANTED_PLACEHOLDER } from '@tnt/extensions/redaction/testing';
import { runSimulation, synthesisedConversations, type SimulationSummary } from '@tnt/tools/feature-simulator';
import { startGateway as startBuiltGateway, USERS_CLI, type GatewayProcess } from '@tnt/tools/util-gateway-process';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium';
import { WORKSPACE_ROOT } from './support/gateway-process';
import { HistoryApi, provisionSupervisor, type ProvisionedUser } from './support/history-gateway';
import { download, signIn } from './support/history-page';
import { waitUntil } from './support/server-record';

const run = promisify(execFile);
const FIXTURE_SCRIPT = join(WORKSPACE_ROOT, 'tools', 'fixtures', 'make-conversations.mjs');
const DASHBOARD_DIR = join(WORKSPACE_ROOT, 'dist', 'apps', 'dashboard', 'browser');
/** The simulator's first line is agent-1: the call's agent. */
const CALL_AGENT = 'agent-1';
const CALL_ID = 'e2e-redaction-browser-1';

/** Adds an agent bound to `agentId` with the built users CLI, as an operator would; returns the password to sign in with. */
async function provisionAgentUser(dataDir: string, username: string, agentId: string): Promise<{ username: string; password: string }> {
  const { stdout } = await run(process.execPath, [
    USERS_CLI,
    ...['add', username, '--role', 'agent', '--agent-id', agentId, '--generate-password'],
    ...['--data-dir', dataDir],
  ]);
  const password = /^password: (\S+)$/m.exec(stdout)?.[1];
  if (!password) throw new Error(`the users CLI printed no password:\n${stdout}`);
  return { username, password };
}

/**
 * Everything a page ever shows: before any of the app's scripts run, a MutationObserver reports the
 * body's text and every input's value to the test after each change, so a line shown for a moment (an
 * interim) is caught too. The texts survive navigations (the binding is the page's, not the document's).
 */
async function recordShownTexts(page: Page, shown: Set<string>): Promise<void> {
  await page.exposeBinding('tntReportShown', (_source, text: string) => void shown.add(text));
  await page.addInitScript(() => {
    const report = (window as unknown as { tntReportShown: (text: string) => void }).tntReportShown;
    const sample = () => {
      if (!document.body) return;
      const values = Array.from(document.querySelectorAll('input, textarea'), (field) => (field as HTMLInputElement).value);
      report([document.body.innerText, ...values].join('\n'));
    };
    new MutationObserver(sample).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    document.addEventListener('input', sample, true);
  });
}

describe('PII redaction in Chromium: a card number read out on a real-audio call never reaches a page, an export or the database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tnt-redaction-e2e-'));
  const ingestApiKey = `tnt_ingest_${randomBytes(24).toString('base64url')}`;
  let gateway: GatewayProcess;
  let supervisor: ProvisionedUser;
  let agent: { username: string; password: string };
  let browser: Browser;

  beforeAll(async () => {
    supervisor = await provisionSupervisor(dataDir, 'redaction-lead');
    agent = await provisionAgentUser(dataDir, 'redaction-agent', CALL_AGENT);
    gateway = await startBuiltGateway(
      {
        PORT: '0',
        TNT_DATA_DIR: dataDir,
        TNT_STORE: 'sqlite',
        TNT_ENGINE: 'pocketsphinx',
        TNT_INGEST_API_KEYS: ingestApiKey,
        TNT_DASHBOARD_DIR: DASHBOARD_DIR,
        // One call on a loaded machine: take it even when the speech workers look busy.
        TNT_CAPACITY_REFUSE_CALLS: '0',
      },
      60_000,
    );
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the placeholder in the live call view; no page text, export or SQLite file ever holds the number or address', async () => {
    const baseUrl = `http://127.0.0.1:${gateway.port}`;
    const scripts = join(dataDir, 'scripts.json');
    writeFileSync(scripts, JSON.stringify(PLANTED_CONVERSATION));
    const conversations = await synthesisedConversations(scripts, FIXTURE_SCRIPT);

    const shown = { supervisor: new Set<string>(), agent: new Set<string>() };
    const supervisorPage = await (await browser.newContext({ acceptDownloads: true })).newPage();
    const agentPage = await (await browser.newContext()).newPage();
    await recordShownTexts(supervisorPage, shown.supervisor);
    await recordShownTexts(agentPage, shown.agent);
    for (const page of [supervisorPage, agentPage]) page.on('pageerror', (error) => console.error('page error:', error));
    await signIn(supervisorPage, baseUrl, supervisor.username, supervisor.password);
    await signIn(agentPage, baseUrl, agent.username, agent.password);
    await agentPage.waitForURL(`**/agent/${CALL_AGENT}`);

    const simulation: Promise<SimulationSummary> = runSimulation({
      baseUrl,
      credentials: { ingestApiKey, token: supervisor.token },
      endpoint: 'l16',
      conversations,
      calls: 1,
      speed: 1,
      callIdPrefix: 'e2e-redaction-browser',
      endTimeoutMs: 120_000,
    });
    // The board first, then the live call view from its card.
    const card = `tnt-call-card[data-call-id="${CALL_ID}"]`;
    await supervisorPage.waitForSelector(card, { timeout: 60_000 });
    await supervisorPage.goto(`${baseUrl}/calls/${CALL_ID}`);
    await waitUntil(
      async () => PLANTED_PLACEHOLDER.test(await supervisorPage.innerText('tnt-transcript')),
      120_000,
      'the live call view to show the number replaced by [CARD] or [NUMBER]',
    );
    const summary = await simulation;
    expect(summary.recent[0].call.callId).toBe(CALL_ID);
    await waitUntil(
      async () => (await supervisorPage.textContent('tnt-call-header .status'))?.startsWith('Ended'),
      30_000,
      'the live call view to show the call ended',
    );

    // After the call: the history list, a search, the past call page and each of its exports.
    const api = new HistoryApi(baseUrl, supervisor.token);
    const stored = await api.transcript(CALL_ID);
    const word = stored.segments
      .flatMap((segment) => segment.text.split(/[^A-Za-z]+/))
      .filter((candidate) => candidate.length >= 4)
      .sort((left, right) => right.length - left.length)[0];
    expect(word).toBeDefined();
    await supervisorPage.click('nav[aria-label="Main"] a[href="/history"]');
    await supervisorPage.waitForURL('**/history');
    await supervisorPage.waitForSelector(`tnt-history-result[data-call-id="${CALL_ID}"]`, { timeout: 30_000 });
    await supervisorPage.fill('#tnt-history-text', word);
    await supervisorPage.click('form[role="search"] button[type="submit"]');
    await supervisorPage.waitForSelector(`tnt-history-result[data-call-id="${CALL_ID}"] mark`, { timeout: 30_000 });
    await supervisorPage.click(`tnt-history-result[data-call-id="${CALL_ID}"] h3 a`);
    await supervisorPage.waitForURL(`**/history/${CALL_ID}`);
    await supervisorPage.waitForSelector('tnt-past-transcript li[data-segment-id]', { timeout: 30_000 });
    const formats = await supervisorPage.$$eval('tnt-call-header button[data-action]', (buttons) =>
      buttons.map((button) => button.getAttribute('data-action') ?? ''),
    );
    expect(formats).toEqual(expect.arrayContaining(['txt', 'vtt']));
    const exports: Record<string, string> = {};
    for (const format of formats) exports[format] = (await download(supervisorPage, `button[data-action="${format}"]`)).text;

    await supervisorPage.context().close();
    await agentPage.context().close();
    expect(await gateway.stop()).toBe(0);
    const databaseFiles = readdirSync(dataDir).filter((name) => name.startsWith('tnt.sqlite'));
    expect(databaseFiles).toContain('tnt.sqlite');

    const finals = stored.segments.map((segment) => segment.text).join('\n  ');
    const sampled = `${shown.supervisor.size} supervisor and ${shown.agent.size} agent page texts`;
    console.log(`redacted call in the browser: ${sampled}, exports ${formats.join(', ')}:\n  ${finals}`);
    // The agent's view showed the call (its line with the placeholder), not only an empty page.
    expect([...shown.agent].some((text) => PLANTED_PLACEHOLDER.test(text))).toBe(true);
    const found = [
      ...[...shown.supervisor].flatMap((text) => leaksIn('supervisor page', text)),
      ...[...shown.agent].flatMap((text) => leaksIn('agent page', text)),
      ...Object.entries(exports).flatMap(([format, body]) => leaksIn(`export ${format}`, body)),
      ...databaseFiles.flatMap((name) => leaksIn(name, readFileSync(join(dataDir, name)).toString('latin1'))),
    ];
    expect(found).toEqual([]);
  }, 420_000);
});
