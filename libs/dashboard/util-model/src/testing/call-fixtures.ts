import type { AlertInsight, AssistInsight, CallInfo, TalkMetricsInsight, TranscriptSegment } from '@tnt/protocol';
import type { CallState } from '../lib/call-state';

/** A transcript segment for specs: a final caller line unless `overrides` say otherwise. */
export function aSegment(overrides: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return {
    id: 'u1',
    text: 'Hello, I need some help with my bill.',
    speaker: 'caller',
    confidence: 0.9,
    timestamp: '2026-03-02T10:00:05.000Z',
    isFinal: true,
    startMs: 700,
    endMs: 3500,
    engine: 'scripted',
    simulated: true,
    ...overrides,
  };
}

/** Call details for specs: an active call of `agent-1` unless `overrides` say otherwise. */
export function aCallInfo(overrides: Partial<CallInfo> = {}): CallInfo {
  return {
    id: 'call-1',
    agentId: 'agent-1',
    from: '+15550100',
    to: '+18005550100',
    startedAt: '2026-03-02T10:00:00.000Z',
    status: 'active',
    ...overrides,
  };
}

/** A call as the store holds it, for specs. */
export function aCallState(info: Partial<CallInfo> = {}, segments: TranscriptSegment[] = [], heldByServer = true): CallState {
  return { info: aCallInfo(info), segments, heldByServer };
}

/** An alert for specs: rule `refund` raised on the caller's segment `u1` unless `overrides` say otherwise. */
export function anAlert(overrides: Partial<AlertInsight> = {}): AlertInsight {
  return {
    kind: 'alert',
    id: 'u1:refund',
    timestamp: '2026-03-02T10:00:05.000Z',
    speaker: 'caller',
    segmentId: 'u1',
    rule: 'refund',
    name: 'refund',
    severity: 'warning',
    matched: 'refund',
    ...overrides,
  };
}

/** A talk-metrics reading for specs: 30 s into the call, the agent talking 60 % of the time, unless `overrides` say otherwise. */
export function aTalkReading(overrides: Partial<TalkMetricsInsight> = {}): TalkMetricsInsight {
  return {
    kind: 'metrics',
    id: 'talk-metrics-1',
    timestamp: '2026-03-02T10:00:30.000Z',
    asOfMs: 30_000,
    talkMs: { caller: 10_000, agent: 15_000 },
    agentTalkRatio: 0.6,
    silenceMs: 6000,
    overtalkMs: 1000,
    longestSilenceMs: 2500,
    wordsPerMinute: { caller: 140, agent: 165 },
    ...overrides,
  };
}

/** An agent-assist card raised on the caller's first line. */
export function anAssist(overrides: Partial<AssistInsight> = {}): AssistInsight {
  return {
    kind: 'assist',
    id: 'u1:assist:refunds',
    timestamp: '2026-03-02T10:00:05.000Z',
    cardId: 'refunds',
    title: 'Refund policy',
    body: 'Refunds within 30 days of purchase.',
    link: 'https://example.test/refunds',
    matched: 'refund',
    segmentId: 'u1',
    speaker: 'caller',
    ...overrides,
  };
}
