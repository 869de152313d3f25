import type { TranscriptSegment } from '@tnt/protocol';
import { cuesOf, formatCueTime } from './cues';

/** WebVTT cue text escapes (https://www.w3.org/TR/webvtt1/#cue-text): `&`, `<` and `>` would start markup. */
function escapeCueText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The transcript as WebVTT: one numbered cue per final segment, in start order, the speaker as a
 * voice span (`<v Caller>…`) so players can show and style who speaks.
 */
export function toWebVtt(callId: string, segments: readonly TranscriptSegment[]): string {
  const blocks = cuesOf(segments).map(
    (cue, index) =>
      `${index + 1}\n${formatCueTime(cue.startMs, '.')} --> ${formatCueTime(cue.endMs, '.')}\n<v ${cue.speaker}>${escapeCueText(cue.text)}`,
  );
  const header = `WEBVTT - call ${callId.replace(/-->|[\r\n]/g, ' ')}`;
  return [header, ...blocks].join('\n\n') + '\n';
}
