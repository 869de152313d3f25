import type { Speaker, TranscriptSegment } from '@tnt/protocol';

/** How speakers are named in exports. */
export const SPEAKER_NAMES: Record<Speaker, string> = { caller: 'Caller', agent: 'Agent' };

/** One timed line of a subtitle export. */
export interface Cue {
  startMs: number;
  endMs: number;
  speaker: string;
  text: string;
}

/**
 * The final segments as cues in start order (WebVTT requires it; the two speakers' segments
 * interleave). Times are whole milliseconds; a cue never ends before it starts, since players
 * drop such cues. Line breaks in text become spaces, because a blank line ends a cue.
 */
export function cuesOf(segments: readonly TranscriptSegment[]): Cue[] {
  return segments
    .map((segment, order) => ({ segment, order }))
    .sort((a, b) => a.segment.startMs - b.segment.startMs || a.order - b.order)
    .map(({ segment }) => {
      const startMs = Math.max(0, Math.round(segment.startMs));
      return {
        startMs,
        endMs: Math.max(startMs + 1, Math.round(segment.endMs)),
        speaker: SPEAKER_NAMES[segment.speaker],
        text: segment.text.replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      };
    });
}

/** `HH:MM:SS<separator>mmm`, hours growing past two digits when needed. */
export function formatCueTime(ms: number, separator: '.' | ','): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  const millis = ms % 1000;
  const two = (value: number) => String(value).padStart(2, '0');
  return `${two(hours)}:${two(minutes)}:${two(seconds)}${separator}${String(millis).padStart(3, '0')}`;
}
