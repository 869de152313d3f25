import type { CallEventMessage, CallInfo, CallMessage, Speaker, TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A call as `CallSessionService.startCall` makes it. */
export function activeCall(id: string, agentId = 'agent-1', startedAt = '2026-03-01T10:00:00.000Z'): CallInfo {
  return { id, agentId, from: '+15550100', to: '+18005550100', startedAt, status: 'active' };
}

/** The `call started` event of `call`. */
export function started(call: CallInfo): CallMessage {
  return { type: 'call', event: 'started', seq: 1, call };
}

/** The `call ended` event of `call` with `seq`. */
export function ended(call: CallInfo, seq: number, endedAt = '2026-03-01T10:05:00.000Z'): CallMessage {
  return { type: 'call', event: 'ended', seq, call: { ...call, status: 'ended', endedAt, endReason: 'completed' } };
}

/** A transcript event; finals and interims of the same utterance share `segmentId`. */
export function transcript(
  callId: string,
  seq: number,
  segmentId: string,
  text: string,
  options: {
    isFinal?: boolean;
    speaker?: Speaker;
    startMs?: number;
    endMs?: number;
    annotations?: TranscriptSegment['annotations'];
    /** The engine's words when `text` is formatted. */
    raw?: string;
  } = {},
): TranscriptMessage {
  const startMs = options.startMs ?? seq * 1000;
  return {
    type: 'transcript',
    callId,
    seq,
    transcript: {
      id: segmentId,
      text,
      ...(options.raw !== undefined ? { raw: options.raw } : {}),
      speaker: options.speaker ?? 'caller',
      confidence: 0.87,
      timestamp: new Date(Date.parse('2026-03-01T10:00:00.000Z') + startMs).toISOString(),
      isFinal: options.isFinal ?? true,
      startMs,
      endMs: options.endMs ?? startMs + 800,
      engine: 'scripted',
      simulated: true,
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
  };
}

/** Only the final transcript events of `events`. */
export function finalsOf(events: CallEventMessage[]): TranscriptMessage[] {
  return events.filter((event): event is TranscriptMessage => event.type === 'transcript' && event.transcript.isFinal);
}

/** A fresh temporary folder, and a function that deletes it. */
export function temporaryFolder(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'tnt-store-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
