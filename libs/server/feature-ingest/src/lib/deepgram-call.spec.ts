import { Logger } from '@nestjs/common';
import { isAlertInsight, type InsightMessage, type TranscriptMessage } from '@tnt/protocol';
import { FakeDeepgramServer, timedWords, waitFor } from '@tnt/server/data-access-engine-deepgram/testing';
import { createEngine, SPEECH_TO_TEXT_FAILED_ALERT } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import { IngestUnderTest } from '../testing/ingest-under-test';

const KEY = 'ingest-spec-deepgram-key';
const RATE = 16_000;
/** The utterance the Deepgram test double "hears" on every stream: four words from 0.2 s to 1.75 s. */
const SCRIPT = [timedWords('my router keeps dropping', 0.2)];

/** Sends `seconds` of stereo silence as L16 frames of 100 ms (the double times its words by the audio it gets). */
function sendStereoSilence(socket: WebSocket, seconds: number): void {
  for (let frame = 0; frame < seconds * 10; frame++) socket.send(Buffer.alloc((RATE / 10) * 2 * 2));
}

describe('a call through /ingest/l16 with TNT_ENGINE=deepgram, against the local Deepgram test double', () => {
  let deepgram: FakeDeepgramServer;
  let ingest: IngestUnderTest;
  let loggedErrors: jest.SpyInstance;

  /** The ingest endpoint with the engine `loadConfig` + `createEngine` make of `env` (as the gateway does). */
  async function startIngest(env: Record<string, string>): Promise<void> {
    const config = loadConfig({ TNT_ENGINE: 'deepgram', TNT_DEEPGRAM_URL: deepgram.url, TNT_STORE: 'memory', ...env });
    const engine = createEngine(config);
    await engine.start();
    ingest = await IngestUnderTest.start('l16', { engine });
  }

  async function streamCall(callId: string, seconds: number): Promise<void> {
    const { socket } = await ingest.connect();
    socket.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: RATE, mixType: 'stereo' }));
    sendStereoSilence(socket, seconds);
    socket.send(JSON.stringify({ event: 'stop' }));
    const ended = (): boolean => ingest.recorder.received.some((event) => event.type === 'call' && event.event === 'ended');
    await waitFor(ended, `call ${callId} ended`, 10_000);
  }

  beforeEach(async () => {
    loggedErrors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    deepgram = await FakeDeepgramServer.start({ apiKey: KEY, script: SCRIPT });
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await ingest.stop();
    await deepgram.stop();
  });

  it('publishes both speakers interims and finals from Deepgram, sending the vocabulary file as keyterms', async () => {
    const vocabulary = join(mkdtempSync(join(tmpdir(), 'tnt-deepgram-ingest-')), 'vocabulary.txt');
    writeFileSync(vocabulary, '# products\ntnt\npremium plan\nrouter  R AW T ER\n');
    await startIngest({ TNT_DEEPGRAM_API_KEY: KEY, TNT_VOCABULARY_FILE: vocabulary });
    await streamCall('CA-deepgram', 2.5);

    const transcripts = ingest.recorder.received.filter((event): event is TranscriptMessage => event.type === 'transcript');
    for (const speaker of ['caller', 'agent'] as const) {
      const own = transcripts.map((event) => event.transcript).filter((segment) => segment.speaker === speaker);
      expect(own.filter((segment) => !segment.isFinal).map((segment) => segment.id)).toEqual(Array(4).fill(`${speaker}-u1`));
      expect(own.filter((segment) => segment.isFinal)).toEqual([
        expect.objectContaining({
          id: `${speaker}-u1`,
          text: 'my router keeps dropping',
          engine: 'deepgram',
          simulated: false,
          confidence: 0.9,
          startMs: 200,
          endMs: 1750,
        }),
      ]);
    }
    expect(deepgram.streams).toHaveLength(2);
    for (const stream of deepgram.streams) {
      expect(stream.query.getAll('keyterm')).toEqual(['tnt', 'premium plan', 'router']);
      expect(stream.audioBytes).toBe(2.5 * RATE * 2);
      expect(stream.controlMessages).toEqual(['{"type":"CloseStream"}']);
    }
    expect(loggedErrors).not.toHaveBeenCalled();
  });

  it('gives the call a critical alert per speaker when Deepgram refuses the key, logs what to do once, counts each failure', async () => {
    await startIngest({ TNT_DEEPGRAM_API_KEY: 'a-key-deepgram-refuses' });
    await streamCall('CA-bad-key', 0.5);

    const alerts = ingest.recorder.received
      .filter((event): event is InsightMessage => event.type === 'insight')
      .map(({ insight }) => insight)
      .filter(isAlertInsight)
      .filter((alert) => alert.rule === SPEECH_TO_TEXT_FAILED_ALERT);
    expect(alerts.map((alert) => [alert.speaker, alert.severity, alert.matched]).sort()).toEqual([
      ['agent', 'critical', 'DEEPGRAM_UNAUTHORIZED'],
      ['caller', 'critical', 'DEEPGRAM_UNAUTHORIZED'],
    ]);
    const logged = loggedErrors.mock.calls.map(([entry]) => String(entry));
    expect(logged.filter((line) => line.includes('What to do: check TNT_DEEPGRAM_API_KEY'))).toHaveLength(1);
    expect(await ingest.metrics.render()).toContain('tnt_engine_stream_failures_total{engine="deepgram",code="DEEPGRAM_UNAUTHORIZED"} 2');
    expect(await ingest.sessions.getCall('CA-bad-key')).toMatchObject({ status: 'ended', endReason: 'completed' });
  });
});
