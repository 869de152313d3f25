import type { HistoryCall, HistoryTranscript, TranscriptSegment } from '@tnt/protocol';
import { aSegment } from '@tnt/dashboard/util-model/testing';

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

/** A final segment as the history stores it (heard by pocketsphinx), for specs. */
export function aStoredSegment(overrides: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return aSegment({ engine: 'pocketsphinx', simulated: false, ...overrides });
}

/** A stored call with its final lines (`finalSegmentCount` follows them), for specs and the test peer. */
export function aStoredCall(call: Partial<HistoryCall>, segments: TranscriptSegment[]): HistoryTranscript {
  return { call: aHistoryCall({ ...call, finalSegmentCount: segments.length }), segments };
}
