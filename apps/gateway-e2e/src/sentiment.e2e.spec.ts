import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import {
  isAlertInsight,
  isSentimentInsight,
  type AlertInsight,
  type CallMessage,
  type SentimentInsight,
  type ServerMessage,
  type TranscriptSegment,
} from '@tnt/protocol';
import { conversationFor, conversationLengthMs } from '@tnt/server/data-access-engine-scripted';
import type { TestAccess } from '@tnt/server/feature-auth/testing';
import type { RunningGateway } from '@tnt/server/feature-server';
import { ProcessesTranscripts, type TranscriptProcessor } from '@tnt/server/feature-transcription';
import { startExtendedGateway } from './support/extended-gateway';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { IngestCall } from './support/ingest-call';
import { TestClient } from './support/test-client';

/** A call id whose scripted conversation (a SIMULATION) has the caller complain once: "charged … for a plan I cancelled". */
const BILLING_CALL = Array.from({ length: 100 }, (_, index) => `sentiment-${index}`).find((id) =>
  conversationFor(id).some((turn) => turn.text.includes('a plan I cancelled')),
) as string;

/** Streams the whole scripted conversation of `callId` and waits for the gateway to take the hang-up. */
async function streamWholeCall(baseUrl: string, ingestApiKey: string, callId: string): Promise<void> {
  const audioMs = conversationLengthMs(conversationFor(callId)) + 1000;
  const call = await IngestCall.open({ baseUrl, ingestApiKey, callId, agentId: 'agent-1', speed: 25, audioMs });
  await call.closed;
}

function ended(callId: string) {
  return (message: ServerMessage): message is CallMessage =>
    message.type === 'call' && message.call.id === callId && message.event === 'ended';
}

function insightsOf(client: TestClient, callId: string) {
  return client.eventsOf(callId).flatMap((event) => (event.type === 'insight' ? [{ seq: event.seq, insight: event.insight }] : []));
}

function finalsOf(client: TestClient, callId: string) {
  return client.eventsOf(callId).flatMap((event) => (event.type === 'transcript' && event.transcript.isFinal ? [event] : []));
}

describe('caller sentiment on the real gateway (scripted engine, SQLite)', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess;
  let watcher: TestClient;

  beforeAll(async () => {
    // One negative caller final is a run here, and -0.4 the line: the one complaint of the script crosses it.
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_SENTIMENT_NEGATIVE_RUN: '1',
      TNT_SENTIMENT_NEGATIVE_BELOW: '-0.4',
    });
    watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    await streamWholeCall(`http://127.0.0.1:${gateway.port}`, gateway.access.ingestApiKey, BILLING_CALL);
    await watcher.waitFor(ended(BILLING_CALL), 30_000);
  }, 60_000);
  afterAll(async () => {
    watcher?.socket.terminate();
    await gateway?.stop();
    data.remove();
  });

  it('follows every final with its sentiment reading, whose score the final carries as an annotation', () => {
    const finals = finalsOf(watcher, BILLING_CALL);
    expect(finals).toHaveLength(conversationFor(BILLING_CALL).length);
    const readings = insightsOf(watcher, BILLING_CALL).filter((entry) => isSentimentInsight(entry.insight));
    expect(readings.map((entry) => entry.insight.segmentId)).toEqual(finals.map((final) => final.transcript.id));
    for (const final of finals) {
      const reading = readings.find((entry) => entry.insight.segmentId === final.transcript.id);
      expect(reading?.seq).toBeGreaterThan(final.seq);
      expect((reading?.insight as SentimentInsight).score).toBe(final.transcript.annotations?.['sentiment']);
      expect(reading?.insight).toMatchObject({ speaker: final.transcript.speaker, lexicon: 'afinn-165' });
    }
    const complaint = readings.find((entry) => entry.insight.segmentId === 'caller-u2')?.insight as SentimentInsight;
    expect(complaint.score).toBeLessThan(-0.4);
    expect((readings.at(-1)?.insight as SentimentInsight).score).toBeGreaterThan(0);
  });

  it('raises one negative-sentiment alert, right after the reading of the complaint', () => {
    const insights = insightsOf(watcher, BILLING_CALL);
    const alerts = insights.filter((entry) => isAlertInsight(entry.insight));
    expect(alerts.map((entry) => entry.insight)).toEqual([
      expect.objectContaining({
        kind: 'alert',
        name: 'negative-sentiment',
        rule: 'negative-sentiment',
        severity: 'warning',
        segmentId: 'caller-u2',
      }),
    ]);
    const reading = insights.find((entry) => entry.insight.id === 'caller-u2:sentiment');
    expect(alerts[0].seq).toBe((reading?.seq ?? 0) + 1);
  });

  it('stores the readings and the alert: GET /api/calls/:id lists them and ?alert= finds the call', async () => {
    const history = HistoryApi.of(gateway);
    const stored = await history.getCall(BILLING_CALL);
    expect(stored.insights).toEqual(insightsOf(watcher, BILLING_CALL).map((entry) => entry.insight));
    expect((await history.listCalls('alert=negative-sentiment')).calls.map((call) => call.id)).toEqual([BILLING_CALL]);
    const transcript = await history.transcript(BILLING_CALL);
    expect(transcript.segments.every((segment) => typeof segment.annotations?.['sentiment'] === 'number')).toBe(true);
  });
});

/**
 * A SIMULATION of an unhappy caller for the scripted engine: the caller's finals are replaced, in
 * turn, by these lines before sentiment (order 150) reads them, as if the caller had said them.
 */
const COMPLAINTS = [
  'This is ridiculous, I have been waiting for an hour.',
  'I am really angry, you charged me twice.',
  'Your service is terrible and the app is useless.',
  'Thank you, that is sorted then.',
];

@Injectable()
@ProcessesTranscripts({ order: 100 })
class ComplainingCaller implements TranscriptProcessor {
  private said = 0;

  process(segment: TranscriptSegment): TranscriptSegment {
    if (segment.speaker !== 'caller' || !segment.isFinal) return segment;
    const text = COMPLAINTS[Math.min(this.said++, COMPLAINTS.length - 1)];
    return { ...segment, text, annotations: { ...segment.annotations, scriptedComplaint: true } };
  }
}

@Module({ providers: [ComplainingCaller] })
class ComplainingCallerModule {}

describe('a caller who complains three times in a row (default settings)', () => {
  let gateway: RunningGateway;
  let access: TestAccess;
  const data = temporaryDataDir();

  beforeAll(async () => {
    ({ gateway, access } = await startExtendedGateway([ComplainingCallerModule], data.path, {
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
    }));
  });
  afterAll(async () => {
    await gateway?.stop();
    data.remove();
  });

  it('turns the caller trend negative and alerts once, on the third complaint, which the call record keeps', async () => {
    const watcher = await TestClient.watchingAllCalls(`${gateway.url.replace('http', 'ws')}/ws?token=${access.supervisorToken}`);
    await streamWholeCall(gateway.url, access.ingestApiKey, BILLING_CALL);
    await watcher.waitFor(ended(BILLING_CALL), 30_000);

    const insights = insightsOf(watcher, BILLING_CALL).map((entry) => entry.insight);
    const callerReadings = insights.filter(isSentimentInsight).filter((reading) => reading.speaker === 'caller');
    expect(callerReadings.map((reading) => reading.score < -0.3)).toEqual([true, true, true, false]);
    expect(callerReadings[2].callerTrend).toBeLessThan(-0.3);
    const alerts = insights.filter(isAlertInsight);
    expect(alerts).toEqual([
      expect.objectContaining({ name: 'negative-sentiment', severity: 'warning', segmentId: callerReadings[2].segmentId }),
    ]);
    expect((alerts[0] as AlertInsight).matched).toMatch(/terrible/);

    const history = new HistoryApi(gateway.url, access.supervisorToken);
    expect((await history.getCall(BILLING_CALL)).insights).toEqual(insights);
    watcher.socket.terminate();
  }, 60_000);
});
