import type { TranscriptSegment } from '@tnt/protocol';

/**
 * Conversation order: by where the segment starts in the call's audio, then caller before agent,
 * then id. It does not depend on arrival order, so a live view, a replay and a snapshot of the
 * same call all list segments the same way.
 */
export function compareSegments(left: TranscriptSegment, right: TranscriptSegment): number {
  if (left.startMs !== right.startMs) return left.startMs - right.startMs;
  if (left.speaker !== right.speaker) return left.speaker === 'caller' ? -1 : 1;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}

/**
 * Returns a new list with `segment` in place of the segment with the same id (an interim replaced
 * by a newer interim or its final), or inserted in conversation order when the id is new.
 */
export function upsertSegment(segments: readonly TranscriptSegment[], segment: TranscriptSegment): TranscriptSegment[] {
  const without = segments.filter((existing) => existing.id !== segment.id);
  let index = without.length;
  while (index > 0 && compareSegments(without[index - 1], segment) > 0) index--;
  return [...without.slice(0, index), segment, ...without.slice(index)];
}

/** The segments in conversation order, one per id (the last one given wins). */
export function orderSegments(segments: readonly TranscriptSegment[]): TranscriptSegment[] {
  const byId = new Map<string, TranscriptSegment>();
  for (const segment of segments) byId.set(segment.id, segment);
  return [...byId.values()].sort(compareSegments);
}
