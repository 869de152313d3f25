import type { CallMessage, SnapshotMessage, TranscriptMessage } from '@tnt/protocol';
import { aCallInfo, aSegment } from '@tnt/dashboard/util-model/testing';
import { CallSeqTracker } from './call-seq-tracker';

const transcript = (seq: number, callId = 'call-1'): TranscriptMessage => ({ type: 'transcript', callId, seq, transcript: aSegment() });
const started = (seq: number, startedAt: string): CallMessage => ({
  type: 'call',
  event: 'started',
  seq,
  call: aCallInfo({ startedAt }),
});

describe('CallSeqTracker', () => {
  it('passes events with a greater seq, drops seq at or below the last one, and allows gaps', () => {
    const tracker = new CallSeqTracker();
    expect([3, 4, 4, 2, 9, 10].map((seq) => tracker.accept('call-1', transcript(seq)))).toEqual([true, true, false, false, true, true]);
    expect(tracker.lastSeqOf('call-1')).toBe(10);
    expect(tracker.lastSeqOf('call-2')).toBeUndefined();
  });

  it('counts each call on its own', () => {
    const tracker = new CallSeqTracker();
    tracker.accept('call-1', transcript(50));
    expect(tracker.accept('call-2', transcript(1, 'call-2'))).toBe(true);
  });

  it('restarts the count when a call event shows the id now names a call that started at another time', () => {
    const tracker = new CallSeqTracker();
    tracker.accept('call-1', started(1, '2026-03-02T10:00:00.000Z'));
    tracker.accept('call-1', transcript(40));
    expect(tracker.accept('call-1', started(1, '2026-03-02T11:00:00.000Z'))).toBe(true);
    expect(tracker.accept('call-1', transcript(2))).toBe(true);
  });

  it('takes a snapshot seq as the new last seq, even when it is lower', () => {
    const tracker = new CallSeqTracker();
    tracker.accept('call-1', transcript(150));
    const snapshot: SnapshotMessage = { type: 'snapshot', callId: 'call-1', seq: 6, call: aCallInfo(), transcript: [] };
    tracker.resetTo(snapshot);
    expect(tracker.accept('call-1', transcript(7))).toBe(true);
  });

  it('calls a listed call behind when its lastSeq or its start differs from what was delivered', () => {
    const tracker = new CallSeqTracker();
    tracker.accept('call-1', started(1, '2026-03-02T10:00:00.000Z'));
    tracker.accept('call-1', transcript(5));
    expect(tracker.isBehind(aCallInfo({ lastSeq: 5, startedAt: '2026-03-02T10:00:00.000Z' }))).toBe(false);
    expect(tracker.isBehind(aCallInfo({ lastSeq: 8, startedAt: '2026-03-02T10:00:00.000Z' }))).toBe(true);
    expect(tracker.isBehind(aCallInfo({ lastSeq: 5, startedAt: '2026-03-02T12:00:00.000Z' }))).toBe(true);
    expect(tracker.isBehind(aCallInfo({ id: 'never-seen', lastSeq: 1 }))).toBe(true);
  });

  it("lists the last seq of each call it knows, leaving out the ones asked, for '*' with since", () => {
    const tracker = new CallSeqTracker();
    tracker.accept('call-1', transcript(4));
    tracker.accept('call-2', transcript(9, 'call-2'));
    tracker.accept('call-3', transcript(1, 'call-3'));
    tracker.forget('call-3');
    expect(tracker.positions()).toEqual({ 'call-1': 4, 'call-2': 9 });
    expect(tracker.positions((callId) => callId === 'call-1')).toEqual({ 'call-2': 9 });
  });

  it('names only the calls heard of most recently when there are more than the limit', () => {
    const tracker = new CallSeqTracker();
    for (const callId of ['call-1', 'call-2', 'call-3']) tracker.accept(callId, transcript(1, callId));
    expect(tracker.positions(undefined, 2)).toEqual({ 'call-2': 1, 'call-3': 1 });
  });

  it('names calls whose ids are also names of object properties', () => {
    const tracker = new CallSeqTracker();
    tracker.accept('__proto__', transcript(3, '__proto__'));
    tracker.accept('constructor', transcript(4, 'constructor'));
    const positions = tracker.positions();
    expect(Object.entries(positions)).toEqual([
      ['__proto__', 3],
      ['constructor', 4],
    ]);
    expect(JSON.parse(JSON.stringify(positions))).toEqual(positions);
  });
});
