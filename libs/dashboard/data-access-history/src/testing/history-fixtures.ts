import type { TranscriptSegment } from '@tnt/protocol';
import type { HistoryCall, HistoryTranscript } from '../lib/history-call';

/** A stored call for specs: an ended, completed call of `agent-1` unless `overrides` say otherwise. */
export function aHistoryCall(overrides: Partial<HistoryCall> = {}): HistoryCall {
  return {
    id: 'call-1',
    agentId: 'agent-1',
    from: '+15550100',
    to: '+18005550100',
    startedAt: '2026-03-02T10:00:00.000Z',
    endedAt: '2026-03-02T10:02:05.000Z',
    status: 'ended',
    endReason: 'completed',
    lastSeq: 12,
    finalSegmentCount: 0,
    ...overrides,
  };
}

/** A final segment as the history stores it, for specs. */
export function aStoredSegment(overrides: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return {
    id: 'u1',
    text: 'Hello, I need some help with my bill.',
    speaker: 'caller',
    confidence: 0.9,
    timestamp: '2026-03-02T10:00:05.000Z',
    isFinal: true,
    startMs: 700,
    endMs: 3500,
    engine: 'pocketsphinx',
    simulated: false,
    ...overrides,
  };
}

/** A stored call with its final lines (`finalSegmentCount` follows them), for specs and the test peer. */
export function aStoredCall(call: Partial<HistoryCall>, segments: TranscriptSegment[]): HistoryTranscript {
  return { call: aHistoryCall({ ...call, finalSegmentCount: segments.length }), segments };
}
