import type { ServerMessage } from '@tnt/protocol';
import { isEventOfCall } from './protocol-client';

describe('isEventOfCall', () => {
  const segment = {
    id: 'u1',
    text: 'Hi',
    speaker: 'caller',
    confidence: 1,
    timestamp: 't',
    isFinal: true,
    startMs: 0,
    endMs: 1,
    engine: 'scripted',
    simulated: true,
  } as const;
  const insight = { kind: 'sentiment', id: 'u1:sentiment', timestamp: 't' };
  const call = { id: 'c1', agentId: 'a', startedAt: 't', status: 'active' } as const;

  it('counts transcripts, call changes and insights of the call, which share its seq', () => {
    const events: ServerMessage[] = [
      { type: 'transcript', callId: 'c1', seq: 1, transcript: segment },
      { type: 'insight', callId: 'c1', seq: 2, insight },
      { type: 'call', event: 'ended', seq: 3, call },
    ];
    expect(events.map((message) => isEventOfCall(message, 'c1'))).toEqual([true, true, true]);
  });

  it('leaves out events of other calls and messages that are not call events', () => {
    expect(isEventOfCall({ type: 'insight', callId: 'c2', seq: 2, insight }, 'c1')).toBe(false);
    expect(isEventOfCall({ type: 'pong' } as ServerMessage, 'c1')).toBe(false);
  });
});
