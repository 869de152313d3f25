import type { ArchivedCall } from '@tnt/server/util-call-archive';
import type { TranscriptSegment } from '@tnt/protocol';
import { cuesOf, formatCueTime } from './cues';

/**
 * The transcript for people: a header with the call's details, then one line per final segment
 * in start order, `[HH:MM:SS] Speaker: text`.
 */
export function toPlainText(call: ArchivedCall, segments: readonly TranscriptSegment[]): string {
  const parties = [
    `Agent: ${call.agentId}`,
    ...(call.from ? [`From: ${call.from}`] : []),
    ...(call.to ? [`To: ${call.to}`] : []),
    ...(call.language ? [`Language: ${call.language}`] : []),
  ];
  const ending = call.endedAt ? `Ended: ${call.endedAt} (${call.endReason ?? 'ended'})` : 'Still active';
  const header = [`Call ${call.id}`, parties.join(' | '), `Started: ${call.startedAt} | ${ending}`];
  const lines = cuesOf(segments).map((cue) => `[${formatCueTime(cue.startMs, '.').slice(0, 8)}] ${cue.speaker}: ${cue.text}`);
  return [...header, '', ...(lines.length > 0 ? lines : ['(no final segments)'])].join('\n') + '\n';
}
