import type { AlertInsight, TranscriptSegment } from '@tnt/protocol';

/**
 * A transcript segment for tests: a final agent segment reading `words of <id>` with a fixed timestamp (no test
 * depends on the wall clock); `fields` replaces any of it.
 */
export function transcriptSegment(id: string, fields: Partial<TranscriptSegment> = {}): TranscriptSegment {
  return {
    id,
    text: `words of ${id}`,
    speaker: 'agent',
    confidence: 1,
    timestamp: '2026-01-01T00:00:00.000Z',
    isFinal: true,
    startMs: 0,
    endMs: 10,
    engine: 'scripted',
    simulated: true,
    ...fields,
  };
}

/** The final agent segment `id`, as `transcriptSegment` makes it by default. */
export function finalSegment(id: string): TranscriptSegment {
  return transcriptSegment(id);
}

/** An `alert` insight for tests, raised by rule `rule` on segment `segmentId`, with a fixed timestamp. */
export function alertInsight(rule: string, segmentId = 's1'): AlertInsight {
  return {
    kind: 'alert',
    id: `${segmentId}:${rule}`,
    timestamp: '2026-01-01T00:00:00.000Z',
    speaker: 'caller',
    segmentId,
    rule,
    name: rule,
    severity: 'warning',
    matched: `words of ${segmentId}`,
  };
}
