import type { Speaker, TranscriptSegment } from '@tnt/protocol';

/** For specs: a segment heard on the call's audio timeline from `startMs` to `endMs`; `text` only matters for finals. */
export function heardSegment(
  id: string,
  speaker: Speaker,
  startMs: number,
  endMs: number,
  text = 'two words',
  isFinal = true,
): TranscriptSegment {
  return {
    id,
    text,
    speaker,
    confidence: 1,
    timestamp: '2026-01-01T00:00:00.000Z',
    isFinal,
    startMs,
    endMs,
    engine: 'scripted',
    simulated: true,
  };
}
