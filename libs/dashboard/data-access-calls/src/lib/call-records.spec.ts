import { aCallerReading, aCallInfo, aCallState, anAlert, anAssist, aSegment, aTalkReading } from '@tnt/dashboard/util-model/testing';
import {
  applyCallInfo,
  applyHeldCalls,
  applyInsight,
  applySnapshot,
  applyTranscript,
  pruneEndedCalls,
  type CallRecords,
} from './call-records';

const recordsOf = (...calls: ReturnType<typeof aCallState>[]): CallRecords => new Map(calls.map((call) => [call.info.id, call]));

describe('call records', () => {
  it('keeps the transcript when details change, and empties it when the id names a call with another start', () => {
    const records = recordsOf(aCallState({ id: 'demo-1', startedAt: '2026-03-02T10:00:00.000Z' }, [aSegment()]));
    const ended = applyCallInfo(records, aCallInfo({ id: 'demo-1', startedAt: '2026-03-02T10:00:00.000Z', status: 'ended', lastSeq: 40 }));
    expect(ended.get('demo-1')?.segments).toHaveLength(1);
    expect(ended.get('demo-1')?.info.lastSeq).toBeUndefined();
    const reused = applyCallInfo(ended, aCallInfo({ id: 'demo-1', startedAt: '2026-03-02T11:00:00.000Z' }));
    expect(reused.get('demo-1')?.segments).toEqual([]);
    expect(reused.get('demo-1')?.info.status).toBe('active');
  });

  it('replaces an interim by its final in place and ignores segments of unknown calls', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }));
    const interim = applyTranscript(records, {
      type: 'transcript',
      callId: 'demo-1',
      seq: 2,
      transcript: aSegment({ isFinal: false, text: 'Hi' }),
    });
    const final = applyTranscript(interim, { type: 'transcript', callId: 'demo-1', seq: 3, transcript: aSegment({ text: 'Hi there.' }) });
    expect(final.get('demo-1')?.segments.map((segment) => [segment.text, segment.isFinal])).toEqual([['Hi there.', true]]);
    expect(applyTranscript(records, { type: 'transcript', callId: 'other', seq: 1, transcript: aSegment() })).toBe(records);
  });

  it('adds each alert once, keeps them when details change, and takes them from a snapshot', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }));
    const alerted = applyInsight(records, { type: 'insight', callId: 'demo-1', seq: 4, insight: anAlert() });
    expect(alerted.get('demo-1')?.alerts).toEqual([anAlert()]);
    expect(applyInsight(alerted, { type: 'insight', callId: 'demo-1', seq: 4, insight: anAlert() })).toBe(alerted);
    const metrics = { kind: 'metrics', id: 'm1', timestamp: '2026-03-02T10:00:06.000Z' };
    expect(applyInsight(alerted, { type: 'insight', callId: 'demo-1', seq: 5, insight: metrics })).toBe(alerted);
    const ended = applyCallInfo(alerted, aCallInfo({ id: 'demo-1', status: 'ended' }));
    expect(ended.get('demo-1')?.alerts).toEqual([anAlert()]);
    const snapshot = applySnapshot(records, {
      type: 'snapshot',
      callId: 'demo-1',
      seq: 9,
      call: aCallInfo({ id: 'demo-1' }),
      transcript: [],
      insights: [metrics, anAlert({ id: 'u2:legal', name: 'legal' })],
    });
    expect(snapshot.get('demo-1')?.alerts?.map((alert) => alert.name)).toEqual(['legal']);
  });

  it('shows the newest talk-metrics reading: a replayed older one changes nothing, the closing one stays', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }));
    const insight = (seq: number, reading = aTalkReading()) => ({ type: 'insight' as const, callId: 'demo-1', seq, insight: reading });
    const first = applyInsight(records, insight(4, aTalkReading({ id: 'talk-metrics-1', asOfMs: 5000 })));
    const second = applyInsight(first, insight(8, aTalkReading({ id: 'talk-metrics-2', asOfMs: 10_000 })));
    expect(second.get('demo-1')?.metrics?.id).toBe('talk-metrics-2');
    expect(applyInsight(second, insight(4, aTalkReading({ id: 'talk-metrics-1', asOfMs: 5000 })))).toBe(second);
    const closed = applyInsight(second, insight(12, aTalkReading({ id: 'talk-metrics-final', asOfMs: 10_000, final: true })));
    expect(closed.get('demo-1')?.metrics).toMatchObject({ id: 'talk-metrics-final', final: true });
    expect(applyInsight(closed, insight(9, aTalkReading({ id: 'talk-metrics-3', asOfMs: 11_000 })))).toBe(closed);
    const ended = applyCallInfo(closed, aCallInfo({ id: 'demo-1', status: 'ended' }));
    expect(ended.get('demo-1')?.metrics?.id).toBe('talk-metrics-final');
    expect(applyInsight(records, { ...insight(4), callId: 'unknown' })).toBe(records);
  });

  it('takes the newest talk-metrics reading from a snapshot, whatever order it lists them in', () => {
    const snapshot = applySnapshot(new Map(), {
      type: 'snapshot',
      callId: 'demo-1',
      seq: 9,
      call: aCallInfo({ id: 'demo-1' }),
      transcript: [],
      insights: [aTalkReading({ id: 'talk-metrics-2', asOfMs: 9000 }), anAlert(), aTalkReading({ id: 'talk-metrics-1', asOfMs: 4000 })],
    });
    expect(snapshot.get('demo-1')?.metrics?.id).toBe('talk-metrics-2');
    const none = applySnapshot(new Map(), {
      type: 'snapshot',
      callId: 'demo-2',
      seq: 1,
      call: aCallInfo({ id: 'demo-2' }),
      transcript: [],
    });
    expect(none.get('demo-2')?.metrics).toBeUndefined();
  });

  it('takes a snapshot as the whole call, in conversation order', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }, [aSegment({ id: 'stale' })], false));
    const next = applySnapshot(records, {
      type: 'snapshot',
      callId: 'demo-1',
      seq: 9,
      call: aCallInfo({ id: 'demo-1', lastSeq: 9 }),
      transcript: [aSegment({ id: 'u2', startMs: 4000 }), aSegment({ id: 'u1', startMs: 700 })],
    });
    expect(next.get('demo-1')?.segments.map((segment) => segment.id)).toEqual(['u1', 'u2']);
    expect(next.get('demo-1')?.heldByServer).toBe(true);
  });

  it('stops counting a live call as held when the server list no longer has it', () => {
    const records = recordsOf(aCallState({ id: 'gone' }), aCallState({ id: 'old', status: 'ended' }));
    const next = applyHeldCalls(records, [aCallInfo({ id: 'new' })]);
    expect(next.get('gone')?.heldByServer).toBe(false);
    expect(next.get('old')?.heldByServer).toBe(true);
    expect(next.get('new')?.info.status).toBe('active');
  });

  it('prunes the oldest ended calls beyond the limit but never a followed one', () => {
    const ended = (id: string, minute: number) =>
      aCallState({ id, status: 'ended', endedAt: `2026-03-02T10:${String(minute).padStart(2, '0')}:00.000Z` });
    const records = recordsOf(ended('a', 1), ended('b', 2), ended('c', 3), aCallState({ id: 'live' }));
    const { records: kept, dropped } = pruneEndedCalls(records, 1, (callId) => callId === 'a');
    expect(dropped).toEqual(['b']);
    expect([...kept.keys()].sort()).toEqual(['a', 'c', 'live']);
  });

  it('adds each assist card once, keeps them when details change, and takes them from a snapshot', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }));
    const assisted = applyInsight(records, { type: 'insight', callId: 'demo-1', seq: 4, insight: anAssist() });
    expect(assisted.get('demo-1')?.assists).toEqual([anAssist()]);
    expect(assisted.get('demo-1')?.alerts).toBeUndefined();
    expect(applyInsight(assisted, { type: 'insight', callId: 'demo-1', seq: 4, insight: anAssist() })).toBe(assisted);
    expect(applyInsight(assisted, { type: 'insight', callId: 'other', seq: 1, insight: anAssist() })).toBe(assisted);
    const ended = applyCallInfo(assisted, aCallInfo({ id: 'demo-1', status: 'ended' }));
    expect(ended.get('demo-1')?.assists).toEqual([anAssist()]);
    const snapshot = applySnapshot(records, {
      type: 'snapshot',
      callId: 'demo-1',
      seq: 9,
      call: aCallInfo({ id: 'demo-1' }),
      transcript: [],
      insights: [anAlert(), anAssist({ id: 'u2:assist:tracking', cardId: 'tracking' })],
    });
    expect(snapshot.get('demo-1')?.assists?.map((assist) => assist.cardId)).toEqual(['tracking']);
    expect(snapshot.get('demo-1')?.alerts).toEqual([anAlert()]);
  });

  it('adds each caller sentiment reading once, keeps them when details change, and takes them from a snapshot', () => {
    const records = recordsOf(aCallState({ id: 'demo-1' }));
    const read = applyInsight(records, { type: 'insight', callId: 'demo-1', seq: 4, insight: aCallerReading() });
    expect(read.get('demo-1')?.callerSentiment).toEqual([aCallerReading()]);
    expect(applyInsight(read, { type: 'insight', callId: 'demo-1', seq: 4, insight: aCallerReading() })).toBe(read);
    const agents = aCallerReading({ id: 'u2:sentiment', speaker: 'agent' });
    expect(applyInsight(read, { type: 'insight', callId: 'demo-1', seq: 5, insight: agents })).toBe(read);
    expect(applyInsight(read, { type: 'insight', callId: 'other', seq: 5, insight: aCallerReading() })).toBe(read);
    const ended = applyCallInfo(read, aCallInfo({ id: 'demo-1', status: 'ended' }));
    expect(ended.get('demo-1')?.callerSentiment).toEqual([aCallerReading()]);
    const later = aCallerReading({ id: 'u3:sentiment', score: 0.6, callerTrend: 0.1 });
    const snapshot = applySnapshot(records, {
      type: 'snapshot',
      callId: 'demo-1',
      seq: 9,
      call: aCallInfo({ id: 'demo-1' }),
      transcript: [],
      insights: [aCallerReading(), anAlert(), agents, later],
    });
    expect(snapshot.get('demo-1')?.callerSentiment).toEqual([aCallerReading(), later]);
    expect(snapshot.get('demo-1')?.alerts).toEqual([anAlert()]);
  });
});
