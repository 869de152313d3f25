import { isAlertInsight, isTalkMetricsInsight, type CallEventMessage, type ServerMessage, type TalkMetricsInsight } from '@tnt/protocol';
import { conversationFor, conversationLengthMs, DEFAULT_PACING } from '@tnt/server/data-access-engine-scripted';
import { randomBytes } from 'node:crypto';
import { startGateway, type GatewayProcess } from './support/gateway-process';
import { HistoryApi, temporaryDataDir } from './support/history-api';
import { IngestCall } from './support/ingest-call';
import { TestClient } from './support/test-client';

/** Audio sent per real millisecond: the SIMULATED conversation runs four times faster than a call. */
const SPEED = 4;
/** Audio sent after the conversation's last words: 24 s of it is 6 s on the clock, past the 2 s silence threshold. */
const QUIET_TAIL_MS = 24_000;

describe('talk metrics: readings and a silence alert as call events', () => {
  const data = temporaryDataDir();
  let gateway: GatewayProcess;

  beforeAll(async () => {
    gateway = await startGateway({
      TNT_ENGINE: 'scripted',
      TNT_STORE: 'sqlite',
      TNT_DATA_DIR: data.path,
      TNT_TALK_METRICS: '1',
      TNT_TALK_METRICS_INTERVAL_SECONDS: '1',
      TNT_SILENCE_ALERT_SECONDS: '2',
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    data.remove();
  });

  it('streams readings, stores them, publishes the closing reading right before ended and alerts once on the long pause', async () => {
    const callId = `talk-${randomBytes(6).toString('hex')}`;
    const turns = conversationFor(callId);
    const watcher = await TestClient.watchingAllCalls(gateway.wsUrl);
    const ingest = await IngestCall.open({
      baseUrl: `http://127.0.0.1:${gateway.port}`,
      ingestApiKey: gateway.access.ingestApiKey,
      callId,
      agentId: 'agent-talk',
      speed: SPEED,
      audioMs: conversationLengthMs(turns) + QUIET_TAIL_MS,
    });
    await ingest.closed;
    await watcher.waitFor(
      (message: ServerMessage): message is CallEventMessage =>
        message.type === 'call' && message.event === 'ended' && message.call.id === callId,
      60_000,
    );
    const events = watcher.eventsOf(callId);
    const readings = events.flatMap((event) => (event.type === 'insight' && isTalkMetricsInsight(event.insight) ? [event.insight] : []));

    // Live readings, at most one a second (by the server's own clock), each reading further into the call.
    const live = readings.filter((reading) => !reading.final);
    expect(live.length).toBeGreaterThanOrEqual(3);
    const readAt = live.map((reading) => Date.parse(reading.timestamp));
    expect(readAt.slice(1).every((at, index) => at - readAt[index] >= 1000)).toBe(true);
    expect(live.map((reading) => reading.asOfMs)).toEqual([...live.map((reading) => reading.asOfMs)].sort((a, b) => a - b));

    // The closing reading is the last event before ended, and adds up to the scripted conversation's timeline.
    const [closingEvent, ended] = events.slice(-2);
    expect(ended).toMatchObject({ type: 'call', event: 'ended' });
    expect(closingEvent).toMatchObject({ type: 'insight', insight: { kind: 'metrics', final: true } });
    const closing = readings.at(-1) as TalkMetricsInsight;
    const talkOf = (speaker: string) =>
      turns
        .filter((turn) => turn.speaker === speaker)
        .reduce((sum, turn) => sum + turn.text.split(/\s+/).length * DEFAULT_PACING.wordMs, 0);
    expect(closing.talkMs).toEqual({ caller: talkOf('caller'), agent: talkOf('agent') });
    expect(closing.asOfMs).toBe(conversationLengthMs(turns) - DEFAULT_PACING.gapMs);
    expect(closing).toMatchObject({
      overtalkMs: 0,
      silenceMs: turns.length * DEFAULT_PACING.gapMs,
      longestSilenceMs: DEFAULT_PACING.gapMs,
    });
    expect(closing.agentTalkRatio).toBeCloseTo(talkOf('agent') / (talkOf('agent') + talkOf('caller')), 2);
    for (const speaker of ['caller', 'agent'] as const) expect(closing.wordsPerMinute[speaker]).toBeGreaterThan(100);

    // One silence alert, raised during the quiet tail: after the last words, before the closing reading.
    const alerts = events.filter((event) => event.type === 'insight' && isAlertInsight(event.insight));
    expect(alerts).toEqual([expect.objectContaining({ insight: expect.objectContaining({ name: 'long-silence', rule: 'long-silence' }) })]);
    const lastTranscriptSeq = Math.max(...events.filter((event) => event.type === 'transcript').map((event) => event.seq));
    expect(alerts[0].seq).toBeGreaterThan(lastTranscriptSeq);
    expect(alerts[0].seq).toBeLessThan(closingEvent.seq);

    // Stored with the call: the history API lists the closing reading and the alert.
    const detail = await HistoryApi.of(gateway).getCall(callId);
    expect(detail.insights).toContainEqual(closing);
    expect(detail.insights).toContainEqual(alerts[0].type === 'insight' ? alerts[0].insight : undefined);
    expect(detail.insights?.filter((insight) => insight.kind === 'metrics')).toHaveLength(readings.length);
    watcher.socket.terminate();
  }, 120_000);
});
