import type { TranscriptSegment } from '@tnt/protocol';
import { cuesOf, formatCueTime } from './cues';

/** The transcript as SubRip (SRT): numbered cues in start order, each line prefixed `Speaker: `. */
export function toSrt(segments: readonly TranscriptSegment[]): string {
  return cuesOf(segments)
    .map(
      (cue, index) =>
        `${index + 1}\n${formatCueTime(cue.startMs, ',')} --> ${formatCueTime(cue.endMs, ',')}\n${cue.speaker}: ${cue.text}\n`,
    )
    .join('\n');
}
