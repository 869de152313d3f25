import type { CallInfo, TranscriptSegment } from '@tnt/protocol';
import { formatDuration } from './duration';
import { speakerLabel } from './speaker-label';

/** `[m:ss]` offset of a segment in the call, from its start in the audio. */
function offsetLabel(segment: TranscriptSegment): string {
  return `[${formatDuration(segment.startMs)}]`;
}

/**
 * The transcript as plain text for copying or downloading: a header naming the call, then one
 * line per segment, e.g. `[0:04] Caller: Hi, I was charged twice.`; interim text is marked.
 */
export function transcriptAsText(call: CallInfo, segments: readonly TranscriptSegment[]): string {
  const header = [
    `Call ${call.id}`,
    `Agent: ${call.agentId}`,
    ...(call.from ? [`Caller: ${call.from}`] : []),
    `Started: ${call.startedAt}`,
    ...(call.endedAt ? [`Ended: ${call.endedAt}${call.endReason ? ` (${call.endReason})` : ''}`] : []),
    ...(segments.some((segment) => segment.simulated) ? ['Note: simulated transcript (scripted, not heard in audio)'] : []),
  ];
  const lines = segments.map(
    (segment) => `${offsetLabel(segment)} ${speakerLabel(segment.speaker)}: ${segment.text}${segment.isFinal ? '' : ' (interim)'}`,
  );
  return `${[...header, '', ...lines].join('\n')}\n`;
}

/** A file name for the downloaded transcript, e.g. `transcript-demo-3.txt`. */
export function transcriptFileName(call: CallInfo): string {
  return `transcript-${call.id.replace(/[^A-Za-z0-9._-]+/g, '_')}.txt`;
}
