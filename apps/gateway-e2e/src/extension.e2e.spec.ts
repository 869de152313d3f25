import { prepareTestAccess } from '@tnt/server/feature-auth/testing';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import type { TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { bootstrapGateway, TntServerModule, type RunningGateway } from '@tnt/server/feature-server';
import { ProcessesTranscripts, type TranscriptContext, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { loadConfig } from '@tnt/server/util-config';
import { ofType, TestClient } from './support/test-client';

/** A team's processor: masks spoken digits, as a PII redaction extension would. */
@Injectable()
@ProcessesTranscripts({ order: 10 })
class SpokenDigitRedactor implements TranscriptProcessor {
  process(segment: TranscriptSegment): TranscriptSegment {
    const digits = /\b(zero|one|two|three|four|five|six|seven|eight|nine)\b/gi;
    if (!digits.test(segment.text)) return segment;
    return { ...segment, text: segment.text.replace(digits, '#'), annotations: { ...segment.annotations, redacted: true } };
  }
}

/** A second processor, registered first but ordered after the redactor: it must see redacted text. */
@Injectable()
@ProcessesTranscripts({ order: 20 })
class CallTagger implements TranscriptProcessor {
  async process(segment: TranscriptSegment, context: TranscriptContext): Promise<TranscriptSegment> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return {
      ...segment,
      annotations: { ...segment.annotations, taggedFor: context.call.agentId, sawDigits: /\d|\bfour\b/i.test(segment.text) },
    };
  }
}

@Module({ providers: [CallTagger, SpokenDigitRedactor] })
class TeamExtensionModule {}

describe('extension point: a team module of transcript processors', () => {
  let gateway: RunningGateway;
  let token: string;

  beforeAll(async () => {
    const access = await prepareTestAccess(mkdtempSync(join(tmpdir(), 'tnt-extension-')));
    token = access.supervisorToken;
    const config = {
      ...loadConfig({
        ...access.env,
        PORT: '0',
        HOST: '127.0.0.1',
        TNT_ENGINE: 'scripted',
        TNT_STORE: 'memory',
        TNT_DEMO: '1',
        TNT_DEMO_CALLS: '3',
        TNT_DEMO_SPEED: '6',
        TNT_LOG_LEVEL: 'warn',
        // These processors read spoken digit words, which formatting (also order 10) would write as
        // digits; a processor after formatting is shown in formatting.e2e.spec.ts.
        TNT_FORMAT_TRANSCRIPTS: 'false',
      }),
      dashboardDir: '/nonexistent',
    };
    @Module({ imports: [TntServerModule.forRoot(config), TeamExtensionModule] })
    class ExtendedServerModule {}
    gateway = await bootstrapGateway(ExtendedServerModule, config);
  });
  afterAll(() => gateway.stop());

  it('runs every segment through the processors in their order before clients see it', async () => {
    const client = await TestClient.connect(`${gateway.url.replace('http', 'ws')}/ws?token=${token}`);
    client.send({ type: 'subscribe', callId: '*' });
    await client.waitFor(ofType('subscribed'));
    const redacted = await client.waitFor(
      (message): message is TranscriptMessage => message.type === 'transcript' && message.transcript.annotations?.['redacted'] === true,
      30_000,
    );
    expect(redacted.transcript.text).toContain('#');
    expect(redacted.transcript.text).not.toMatch(/\b(one|two|four|five|seven|eight)\b/i);
    const transcripts = client.messages.filter((message): message is TranscriptMessage => message.type === 'transcript');
    expect(transcripts.every((message) => message.transcript.annotations?.['taggedFor'] !== undefined)).toBe(true);
    expect(transcripts.every((message) => message.transcript.annotations?.['sawDigits'] === false)).toBe(true);
    const seqsOfCall = transcripts.filter((message) => message.callId === redacted.callId).map((message) => message.seq);
    expect(seqsOfCall).toEqual([...seqsOfCall].sort((left, right) => left - right));
    client.socket.terminate();
  });
});
