import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { conversationFor, conversationLengthMs, spokenForm } from '@tnt/server/data-access-engine-scripted';
import { prepareTestAccess, type TestAccess } from '@tnt/server/feature-auth/testing';
import { bootstrapGateway, TntServerModule, type RunningGateway } from '@tnt/server/feature-server';
import { ProcessesTranscripts, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { closed, ingestHeaders, openSocket } from '@tnt/tools/feature-simulator';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { TestClient } from './support/test-client';

/** A call id whose scripted conversation speaks an amount, a date and an e-mail address. */
const BILLING_CALL = Array.from({ length: 100 }, (_, index) => `formatting-${index}`).find((id) =>
  conversationFor(id).some((turn) => turn.text.includes('jane dot miller')),
) as string;

/** PII redaction (order 20, on by default where it is installed) would replace the address these tests read. */
const KEEP_ADDRESSES = { TNT_REDACTION: '0' };

/** One second of stereo 16 kHz silence: the scripted engine "hears" its conversation as the audio clock advances. */
const ONE_SECOND = Buffer.alloc(16000 * 2 * 2);

/** Streams the whole scripted conversation of `callId` into `/ingest/l16` and hangs up. */
async function streamWholeCall(port: number, ingestApiKey: string, callId: string): Promise<void> {
  const socket = await openSocket(`ws://127.0.0.1:${port}/ingest/l16`, { headers: ingestHeaders(ingestApiKey) });
  socket.send(JSON.stringify({ callId, agentId: 'agent-1', sampleRate: 16000, mixType: 'stereo' }));
  for (let sentMs = 0; sentMs < conversationLengthMs(conversationFor(callId)) + 1000; sentMs += 1000) socket.send(ONE_SECOND);
  const hungUp = closed(socket);
  socket.close(1000);
  await hungUp;
}

const isFinalOf =
  (callId: string, segmentId: string) =>
  (message: { type: string }): message is TranscriptMessage =>
    message.type === 'transcript' &&
    (message as TranscriptMessage).callId === callId &&
    (message as TranscriptMessage).transcript.id === segmentId &&
    (message as TranscriptMessage).transcript.isFinal;

function transcriptsOf(client: TestClient, callId: string): TranscriptSegment[] {
  return client.eventsOf(callId).flatMap((event) => (event.type === 'transcript' ? [event.transcript] : []));
}

describe('readable transcripts on the real gateway (scripted engine, SQLite)', () => {
  let gateway: GatewayProcess;
  let watcher: TestClient;
  let history: HistoryApi;
  const data = temporaryDataDir();
  const turns = conversationFor(BILLING_CALL);
  const lastSegmentId = `${turns.at(-1)?.speaker}-u${turns.length}`;

  beforeAll(async () => {
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_PROPER_NOUNS: 'Billing Team',
      ...KEEP_ADDRESSES,
    });
    history = HistoryApi.of(gateway);
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    await streamWholeCall(gateway.port, gateway.access.ingestApiKey, BILLING_CALL);
    await watcher.waitFor(isFinalOf(BILLING_CALL, lastSegmentId), 20_000);
  }, 60_000);
  afterAll(async () => {
    watcher?.socket.terminate();
    await gateway?.stop();
    data.remove();
  });

  it('sends formatted finals with the engine words kept as raw', () => {
    const finals = transcriptsOf(watcher, BILLING_CALL).filter((segment) => segment.isFinal);
    expect(finals.map((segment) => segment.raw)).toEqual(turns.map((turn) => spokenForm(turn.text)));
    const textOf = (id: string) => finals.find((segment) => segment.id === id)?.text;
    expect(textOf('agent-u1')).toBe('Thanks for calling the Billing Team this is Chris, how can I help you today?');
    expect(textOf('caller-u2')).toBe('Hi, I was charged $29 for a plan I cancelled on March 4th.');
    expect(textOf('caller-u4')).toBe('Sure, it is jane.miller@example.com.');
    expect(textOf('agent-u5')).toBe('Thank you, I have refunded the charge it takes 5 business days.');
    expect(finals.every((segment) => /^[A-Z].*[.?]$/.test(segment.text))).toBe(true);
  });

  it('formats interims too, leaving their sentence open', () => {
    const interims = transcriptsOf(watcher, BILLING_CALL).filter((segment) => !segment.isFinal);
    expect(interims.length).toBeGreaterThan(turns.length);
    for (const interim of interims) {
      expect({ interim: interim.raw, formatted: /^[A-Z$0-9]/.test(interim.text), open: !/[.?]$/.test(interim.text) }).toEqual({
        interim: interim.raw,
        formatted: true,
        open: true,
      });
    }
  });

  it('stores the formatted text with raw beside it, and exports the formatted text', async () => {
    const stored = await history.transcript(BILLING_CALL);
    expect(stored.segments.map((segment) => [segment.text, segment.raw])).toEqual(
      transcriptsOf(watcher, BILLING_CALL)
        .filter((segment) => segment.isFinal)
        .map((segment) => [segment.text, segment.raw]),
    );
    const text = await history.exported(BILLING_CALL, 'txt');
    expect(text).toContain('Caller: Hi, I was charged $29 for a plan I cancelled on March 4th.');
    expect(await history.exported(BILLING_CALL, 'vtt')).toContain('Sure, it is jane.miller@example.com.');
    expect(text).not.toContain('twenty nine dollars');
  });

  it('finds the call by the formatted and by the spoken form', async () => {
    for (const q of ['$29', 'March 4th', 'jane.miller@example.com', 'twenty nine dollars', 'fourth of march', 'jane dot miller']) {
      const page = await history.listCalls(`q=${encodeURIComponent(q)}`);
      expect({ q, found: page.calls.map((call) => call.id) }).toEqual({ q, found: [BILLING_CALL] });
    }
  });
});

describe('readable transcripts switched off', () => {
  it('sends the engine words as text, without raw, with TNT_FORMAT_TRANSCRIPTS=false', async () => {
    const gateway = await startGateway({ TNT_ENGINE: 'scripted', TNT_STORE: 'memory', TNT_FORMAT_TRANSCRIPTS: 'false', ...KEEP_ADDRESSES });
    try {
      const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
      await streamWholeCall(gateway.port, gateway.access.ingestApiKey, BILLING_CALL);
      const first = await watcher.waitFor(isFinalOf(BILLING_CALL, 'agent-u1'), 20_000);
      expect(first.transcript.text).toBe(spokenForm(conversationFor(BILLING_CALL)[0].text));
      expect(first.transcript).not.toHaveProperty('raw');
      watcher.socket.terminate();
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});

/** A team's processor after formatting, as redaction is (order 20): it sees the formatted text and the raw words. */
@Injectable()
@ProcessesTranscripts({ order: 20 })
class AmountMasker implements TranscriptProcessor {
  process(segment: TranscriptSegment): TranscriptSegment {
    if (!segment.text.includes('$')) return segment;
    return {
      ...segment,
      text: segment.text.replace(/\$[\d.,]+/g, '[amount]'),
      raw: segment.raw?.replace(/\btwenty nine dollars\b/g, '[amount]'),
      annotations: { ...segment.annotations, sawRaw: segment.raw !== undefined },
    };
  }
}

@Module({ providers: [AmountMasker] })
class TeamRedactionModule {}

describe('a team processor after formatting', () => {
  let gateway: RunningGateway;
  let access: TestAccess;

  beforeAll(async () => {
    access = await prepareTestAccess(mkdtempSync(join(tmpdir(), 'tnt-formatting-')));
    const config = {
      ...loadConfig({
        ...access.env,
        ...KEEP_ADDRESSES,
        PORT: '0',
        HOST: '127.0.0.1',
        TNT_ENGINE: 'scripted',
        TNT_STORE: 'memory',
        TNT_LOG_LEVEL: 'warn',
      }),
      dashboardDir: '/nonexistent',
    };
    @Module({ imports: [TntServerModule.forRoot(config), TeamRedactionModule] })
    class ServerWithRedaction {}
    gateway = await bootstrapGateway(ServerWithRedaction, config);
  });
  afterAll(() => gateway.stop());

  it('receives the formatted text and the raw words, and what it masks in both is what clients get', async () => {
    const watcher = await TestClient.watchingAllCalls(`${gateway.url.replace('http', 'ws')}/ws?token=${access.supervisorToken}`);
    await streamWholeCall(gateway.port, access.ingestApiKey, BILLING_CALL);
    const masked = await watcher.waitFor(isFinalOf(BILLING_CALL, 'caller-u2'), 20_000);
    expect(masked.transcript).toMatchObject({
      text: 'Hi, I was charged [amount] for a plan I cancelled on March 4th.',
      raw: 'hi i was charged [amount] for a plan i cancelled on the fourth of march',
      annotations: { sawRaw: true },
    });
    watcher.socket.terminate();
  }, 60_000);
});
