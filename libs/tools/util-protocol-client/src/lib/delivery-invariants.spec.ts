import type { CallMessage, ServerMessage, SnapshotMessage, TranscriptMessage, TranscriptSegment } from '@tnt/protocol';
import { deliveryViolations, type ClientRecord, type ReceivedMessage } from './delivery-invariants';

const CALL = { id: 'c1', agentId: 'a1', startedAt: '2026-01-01T00:00:00.000Z' };

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
const started = (seq = 1): CallMessage => ({ type: 'call', event: 'started', seq, call: { ...CALL, status: 'active' } });
const ended = (seq: number): CallMessage => ({
  type: 'call',
  event: 'ended',
  seq,
  call: { ...CALL, status: 'ended', endedAt: '2026-01-01T00:01:00.000Z', endReason: 'completed' },
});
const interim = (seq: number, id: string): TranscriptMessage => ({ type: 'transcript', callId: 'c1', seq, transcript: segment(id, false) });
const final = (seq: number, id: string): TranscriptMessage => ({ type: 'transcript', callId: 'c1', seq, transcript: segment(id, true) });
const snapshot = (seq: number, finals: TranscriptSegment[]): SnapshotMessage => ({
  type: 'snapshot',
  callId: 'c1',
  seq,
  call: { ...CALL, status: 'active' },
  transcript: finals,
});

const client = (name: string, ...messages: (ServerMessage | [number, ServerMessage])[]): ClientRecord => ({
  name,
  received: messages.map((entry): ReceivedMessage =>
    Array.isArray(entry) ? { connection: entry[0], message: entry[1] } : { connection: 1, message: entry },
  ),
});
const stored = (...finals: TranscriptSegment[]) => ({ storedFinals: new Map([['c1', finals]]) });
/** The whole call as every client should see it: started, u1 (interim, final), u2 final, ended. */
const wholeCall = [started(), interim(2, 'u1'), final(3, 'u1'), final(4, 'u2'), ended(5)];

describe('deliveryViolations', () => {
  it('finds nothing wrong with a client that saw the whole call and one that resumed from a snapshot', () => {
    const resumed = client(
      'resumed',
      started(),
      interim(2, 'u1'),
      [2, snapshot(3, [segment('u1', true)])],
      [2, final(4, 'u2')],
      [2, ended(5)],
    );
    expect(deliveryViolations([client('witness', ...wholeCall), resumed], stored(segment('u1', true), segment('u2', true)))).toEqual([]);
  });

  it('finds two stored finals with one segment id, as a new owner counting utterances from the start would make', () => {
    const calls = [started(), final(2, 'u1'), final(3, 'u1'), ended(4)];
    expect(deliveryViolations([client('witness', ...calls)], stored(segment('u1', true), segment('u1', true)))).toEqual([
      'call c1: segment id u1 names two stored finals (an id reused, e.g. by a new owner)',
    ]);
  });

  it('accepts a replay from the log that skips interim seqs only', () => {
    const replayed = client('replayed', started(), final(3, 'u1'), final(4, 'u2'), ended(5));
    expect(deliveryViolations([client('witness', ...wholeCall), replayed], stored(segment('u1', true), segment('u2', true)))).toEqual([]);
  });

  it('reports a seq delivered twice across a reconnection', () => {
    const doubled = client('doubled', started(), final(3, 'u1'), [2, final(3, 'u1')], final(4, 'u2'), ended(5));
    expect(deliveryViolations([doubled], stored(segment('u1', true), segment('u2', true)))).toEqual([
      'doubled, call c1: seq 3 after seq 3: not strictly increasing (connection 2)',
    ]);
  });

  it('reports a silent gap over a final another client saw, and the finals it lacks', () => {
    const gapped = client('gapped', started(), interim(2, 'u1'), final(4, 'u2'), ended(5));
    const violations = deliveryViolations([client('witness', ...wholeCall), gapped], stored(segment('u1', true), segment('u2', true)));
    expect(violations).toEqual([
      'gapped, call c1: silent gap from seq 2 to 4: missed final 3',
      expect.stringMatching(/^gapped, call c1: finals differ from the stored transcript at #0 \(received 1, stored 2\)/),
    ]);
  });

  it('reports anything after ended, a call never seen to end, and a seq reused for another event', () => {
    const late = client('late', started(), final(2, 'u1'), ended(3), final(4, 'u2'));
    const cut = client('cut', started(), final(2, 'u1'));
    const other = client('other', started(), final(2, 'other words'));
    expect(deliveryViolations([late, cut, other], stored(segment('u1', true)))).toEqual([
      expect.stringMatching(/^call c1: seq 2 carried two different events: late got .*, other got /),
      'late, call c1: transcript seq 4 arrived after the call ended at seq 3 (connection 1)',
      'cut, call c1: never saw the call end (last seq 2)',
      'other, call c1: never saw the call end (last seq 2)',
      expect.stringMatching(/^other, call c1: finals differ from the stored transcript at #0/),
    ]);
  });

  it('counts any other message numbered in the call (a kind added later) as an event that must not go missing', () => {
    // Not a message of today's protocol: the checker must not need to know every kind to keep the guarantees.
    const insight = { type: 'insight', callId: 'c1', seq: 3, name: 'alert' } as unknown as ServerMessage;
    const witness = client('witness', started(), final(2, 'u1'), insight, ended(4));
    const gapped = client('gapped', started(), final(2, 'u1'), ended(4));
    expect(deliveryViolations([witness, gapped], stored(segment('u1', true)))).toEqual([
      'gapped, call c1: silent gap from seq 2 to 4: missed other 3',
    ]);
  });

  it('reports a snapshot that goes back, and a call the client never heard of', () => {
    const back = client('back', started(), final(3, 'u1'), snapshot(2, []), final(4, 'u2'), ended(5));
    expect(deliveryViolations([back, client('deaf')], stored(segment('u1', true), segment('u2', true)))).toEqual([
      'back, call c1: snapshot at seq 2 goes back from 3',
      expect.stringMatching(/^back, call c1: finals differ/),
      'deaf, call c1: received nothing of the call',
    ]);
  });
});
