import type { CallEventMessage, CallInfo, TranscriptSegment } from '@tnt/protocol';
import { CallHistory } from './call-history';

const call: CallInfo = { id: 'call-1', agentId: 'agent-1', startedAt: '2026-01-01T00:00:00.000Z', status: 'active' };

function segment(id: string, isFinal: boolean, text = id): TranscriptSegment {
  return {
    id,
    text,
    speaker: 'caller',
    confidence: 0.9,
    timestamp: '2026-01-01T00:00:01.000Z',
    isFinal,
    startMs: 0,
    endMs: 100,
    engine: 'scripted',
    simulated: true,
  };
}

function transcriptEvent(seq: number, transcript: TranscriptSegment): CallEventMessage {
  return { type: 'transcript', callId: call.id, seq, transcript };
}

describe('CallHistory', () => {
  it('replays exactly the events after since, oldest first', () => {
    const history = new CallHistory(call, 10);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    history.append(transcriptEvent(2, segment('s1', false)));
    history.append(transcriptEvent(3, segment('s1', true)));
    expect(history.eventsSince(1)?.map((event) => event.seq)).toEqual([2, 3]);
    expect(history.eventsSince(3)).toEqual([]);
    expect(history.eventsSince(0)?.map((event) => event.seq)).toEqual([1, 2, 3]);
  });

  it('cannot replay once the ring has dropped a missed event', () => {
    const history = new CallHistory(call, 3);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    for (let seq = 2; seq <= 6; seq++) history.append(transcriptEvent(seq, segment(`s${seq}`, true)));
    expect(history.eventsSince(3)?.map((event) => event.seq)).toEqual([4, 5, 6]);
    expect(history.eventsSince(2)).toBeUndefined();
  });

  it('refuses a since that lies ahead of the call', () => {
    const history = new CallHistory(call, 3);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    expect(history.eventsSince(7)).toBeUndefined();
  });

  it('snapshots finals in order and only the interims still open', () => {
    const history = new CallHistory(call, 2);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    history.append(transcriptEvent(2, segment('a', false, 'hel')));
    history.append(transcriptEvent(3, segment('a', true, 'hello')));
    history.append(transcriptEvent(4, segment('b', false, 'wor')));
    const snapshot = history.snapshot();
    expect(snapshot?.seq).toBe(4);
    expect(snapshot?.transcript.map((part) => [part.id, part.text, part.isFinal])).toEqual([
      ['a', 'hello', true],
      ['b', 'wor', false],
    ]);
  });

  it('rejects an event whose seq does not follow the last one', () => {
    const history = new CallHistory(call, 3);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    expect(() => history.append(transcriptEvent(3, segment('x', true)))).toThrow(/does not follow 1/);
  });

  it('holds a call from a later seq: replays only what came after, and leaves the snapshot to the log', () => {
    const history = new CallHistory(call, 10, 5);
    history.append(transcriptEvent(6, segment('f', true)));
    expect(history.lastSeq).toBe(6);
    expect(history.eventsSince(5)?.map((event) => event.seq)).toEqual([6]);
    expect(history.eventsSince(4)).toBeUndefined();
    expect(history.snapshot()).toBeUndefined();
  });

  it('takes a jump in seq only when allowed, and then replays only from the jump on', () => {
    const history = new CallHistory(call, 10);
    history.append({ type: 'call', event: 'started', seq: 1, call });
    history.append(transcriptEvent(2, segment('a', true)));
    expect(() => history.append(transcriptEvent(5, segment('b', true)))).toThrow(/does not follow 2/);
    history.append(transcriptEvent(5, segment('b', true)), true);
    expect(history.eventsSince(4)?.map((event) => event.seq)).toEqual([5]);
    expect(history.eventsSince(2)).toBeUndefined();
    expect(() => history.append(transcriptEvent(5, segment('c', true)), true)).toThrow(/does not follow 5/);
  });
});
