import { leaksIn, PLANTED_CONVERSATION, PLANTED_PLACEHOLDER } from '@tnt/extensions/redaction/testing';
import type { ServerMessage } from '@tnt/protocol';
import { runSimulation, synthesisedConversations } from '@tnt/tools/feature-simulator';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialsOf, startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { TestClient } from './support/test-client';

const WORKSPACE = join(__dirname, '..', '..', '..');
const FIXTURE_SCRIPT = join(WORKSPACE, 'tools', 'fixtures', 'make-conversations.mjs');

describe('PII redaction: a card number read out on a real-audio call is nowhere', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess;
  afterAll(async () => {
    await gateway?.stop();
    data.remove();
  });

  it('keeps the planted number and address out of every message, the SQLite files, the logs and every export', async () => {
    const scripts = join(data.path, 'scripts.json');
    writeFileSync(scripts, JSON.stringify(PLANTED_CONVERSATION));
    const conversations = await synthesisedConversations(scripts, FIXTURE_SCRIPT);
    gateway = await startGateway(
      { TNT_ENGINE: 'pocketsphinx', TNT_STORE: 'sqlite', TNT_DATA_DIR: data.path, TNT_LOG_LEVEL: 'verbose' },
      60_000,
    );
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const summary = await runSimulation({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      credentials: credentialsOf(gateway),
      endpoint: 'l16',
      conversations,
      calls: 1,
      speed: 2,
      callIdPrefix: 'e2e-redaction',
    });
    const callId = summary.recent[0].call.callId;
    const history = HistoryApi.of(gateway);
    const exports = {
      json: JSON.stringify(await history.transcript(callId)),
      txt: await history.exported(callId, 'txt'),
      vtt: await history.exported(callId, 'vtt'),
      srt: await history.exported(callId, 'srt'),
    };
    const messages = watcher.messages.filter((message: ServerMessage) => message.type === 'transcript' || message.type === 'snapshot');
    watcher.socket.terminate();
    expect(await gateway.stop()).toBe(0);

    const finals = JSON.parse(exports.json).segments.map((segment: { text: string }) => segment.text) as string[];
    console.log(`redacted real-audio call (pocketsphinx, flite voices):\n  ${finals.join('\n  ')}`);
    // The number was heard and replaced (pocketsphinx may mishear a digit: then it is an account-like [NUMBER]).
    expect(finals.join(' ')).toMatch(PLANTED_PLACEHOLDER);
    const databaseFiles = readdirSync(data.path).filter((name) => name.startsWith('tnt.sqlite'));
    expect(databaseFiles).toContain('tnt.sqlite');
    const found = [
      ...messages.flatMap((message, index) => leaksIn(`UI message ${index} (${message.type})`, JSON.stringify(message))),
      ...databaseFiles.flatMap((name) => leaksIn(name, readFileSync(join(data.path, name)).toString('latin1'))),
      ...leaksIn('gateway log', gateway.output()),
      ...Object.entries(exports).flatMap(([format, body]) => leaksIn(`export ${format}`, body)),
    ];
    expect(found).toEqual([]);
  }, 180_000);
});
