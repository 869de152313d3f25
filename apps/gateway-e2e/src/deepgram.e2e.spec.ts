import { isAlertInsight, type CallMessage, type TranscriptMessage } from '@tnt/protocol';
import { FakeDeepgramServer, timedWords } from '@tnt/server/data-access-engine-deepgram/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IngestCall } from './support/ingest-call';
import { runGatewayToExit, startGateway, type GatewayProcess } from './support/gateway-process';
import { ofType, TestClient } from './support/test-client';

const KEY = 'gateway-e2e-deepgram-key';

/**
 * The real gateway with TNT_ENGINE=deepgram, pointed by TNT_DEEPGRAM_URL at the LOCAL TEST DOUBLE of
 * Deepgram's documented protocol (these machines cannot reach Deepgram).
 */
describe('TNT_ENGINE=deepgram on the real gateway, against the local Deepgram test double', () => {
  let deepgram: FakeDeepgramServer;
  let gateway: GatewayProcess;
  let watcher: TestClient;

  beforeAll(async () => {
    deepgram = await FakeDeepgramServer.start({ apiKey: KEY, script: [timedWords('my router keeps dropping', 0.2)] });
    const vocabulary = join(mkdtempSync(join(tmpdir(), 'tnt-deepgram-e2e-')), 'vocabulary.txt');
    writeFileSync(vocabulary, 'tnt\npremium plan\n');
    gateway = await startGateway({
      TNT_ENGINE: 'deepgram',
      TNT_DEEPGRAM_API_KEY: KEY,
      TNT_DEEPGRAM_URL: deepgram.url,
      TNT_VOCABULARY_FILE: vocabulary,
      TNT_REDACTION: '0',
    });
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
  }, 60_000);
  afterAll(async () => {
    watcher?.close();
    await gateway?.stop();
    await deepgram?.stop();
  });

  it('transcribes an /ingest/l16 call: Deepgram finals become formatted TnT finals of both speakers, keyterms sent', async () => {
    const callId = 'e2e-deepgram-1';
    const call = await IngestCall.open({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      ingestApiKey: gateway.access.ingestApiKey,
      callId,
      agentId: 'agent-1',
      audioMs: 2_500,
    });
    await call.closed;
    await watcher.waitFor(
      (message): message is CallMessage => ofType('call')(message) && message.call.id === callId && message.event === 'ended',
      10_000,
    );
    const finals = watcher
      .eventsOf(callId)
      .flatMap((event) => (event.type === 'transcript' && event.transcript.isFinal ? [event.transcript] : []));
    expect(finals.map((segment) => [segment.id, segment.raw, segment.engine, segment.simulated]).sort()).toEqual([
      ['agent-u1', 'my router keeps dropping', 'deepgram', false],
      ['caller-u1', 'my router keeps dropping', 'deepgram', false],
    ]);
    expect(finals[0].text).toBe('My router keeps dropping.');
    const interims = watcher
      .eventsOf(callId)
      .filter((event): event is TranscriptMessage => event.type === 'transcript' && !event.transcript.isFinal);
    expect(interims.length).toBeGreaterThan(0);
    expect(deepgram.streams.map((stream) => stream.query.getAll('keyterm'))).toEqual([
      ['tnt', 'premium plan'],
      ['tnt', 'premium plan'],
    ]);
    expect(watcher.eventsOf(callId).filter((event) => event.type === 'insight' && isAlertInsight(event.insight))).toEqual([]);
  }, 30_000);

  it('exits 1 at start naming TNT_DEEPGRAM_API_KEY when the key is missing', async () => {
    const { code, output } = await runGatewayToExit({ PORT: '0', TNT_ENGINE: 'deepgram' });
    expect(code).toBe(1);
    expect(output).toContain('TNT_DEEPGRAM_API_KEY must be set with TNT_ENGINE=deepgram');
  });
});
