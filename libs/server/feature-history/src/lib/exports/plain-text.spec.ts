import type { ArchivedCall } from '@tnt/server/util-call-archive';
import type { TranscriptSegment } from '@tnt/protocol';
import { toPlainText } from './plain-text';

const call: ArchivedCall = {
  id: 'CA77',
  agentId: 'agent-3',
  from: '+15550101',
  to: '+18005550100',
  startedAt: '2026-03-01T10:00:00.000Z',
  endedAt: '2026-03-01T10:04:10.000Z',
  status: 'ended',
  endReason: 'caller-hangup',
  lastSeq: 9,
  finalSegmentCount: 2,
};

function final(speaker: 'caller' | 'agent', startMs: number, text: string): TranscriptSegment {
  return {
    id: `${speaker}-${startMs}`,
    text,
    speaker,
    confidence: 1,
    timestamp: call.startedAt,
    isFinal: true,
    startMs,
    endMs: startMs + 500,
    engine: 'scripted',
    simulated: true,
  };
}

describe('plain-text export', () => {
  it('reads as a header with the call details and one timed line per speaker turn', () => {
    const text = toPlainText(call, [final('agent', 65_300, 'How can I help?'), final('caller', 2_000, 'Hi there.')]);
    expect(text.split('\n')).toEqual([
      'Call CA77',
      'Agent: agent-3 | From: +15550101 | To: +18005550100',
      'Started: 2026-03-01T10:00:00.000Z | Ended: 2026-03-01T10:04:10.000Z (caller-hangup)',
      '',
      '[00:00:02] Caller: Hi there.',
      '[00:01:05] Agent: How can I help?',
      '',
    ]);
  });

  it("names the conversation's language among the call details when the call has one", () => {
    const text = toPlainText({ ...call, language: 'es-ES' }, []);
    expect(text.split('\n')[1]).toBe('Agent: agent-3 | From: +15550101 | To: +18005550100 | Language: es-ES');
  });

  it('says so when a live call has no final segment yet', () => {
    const live: ArchivedCall = { ...call, status: 'active', endedAt: undefined, endReason: undefined };
    expect(toPlainText(live, [])).toContain('Still active\n\n(no final segments)\n');
  });
});
