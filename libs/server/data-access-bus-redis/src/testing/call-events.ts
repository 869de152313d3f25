import type { CallEventMessage, CallEventKind, TranscriptMessage } from '@tnt/protocol';

/** A `call` event of `callId` at `seq`. */
export function callEvent(callId: string, seq: number, event: CallEventKind = 'started'): CallEventMessage {
  const ended = event === 'ended';
  return {
    type: 'call',
    event,
    seq,
    call: {
      id: callId,
      agentId: 'agent-1',
      startedAt: '2026-01-01T00:00:00.000Z',
      status: ended ? 'ended' : 'active',
      ...(ended ? { endedAt: '2026-01-01T00:01:00.000Z', endReason: 'completed' as const } : {}),
    },
  };
}

/** A transcript event of `callId` at `seq` for segment `segmentId`. */
export function transcriptEvent(callId: string, seq: number, segmentId: string, isFinal: boolean, text = `text ${seq}`): TranscriptMessage {
  return {
    type: 'transcript',
    callId,
    seq,
    transcript: {
      id: segmentId,
      text,
      speaker: 'caller',
      confidence: 0.9,
      timestamp: '2026-01-01T00:00:01.000Z',
      isFinal,
      startMs: 0,
      endMs: 1000,
      engine: 'scripted',
      simulated: true,
    },
  };
}
