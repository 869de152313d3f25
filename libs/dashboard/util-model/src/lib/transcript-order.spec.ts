import { aSegment } from '../testing';
import { compareSegments, orderSegments, upsertSegment } from './transcript-order';

describe('transcript order', () => {
  it('replaces an interim in place by its final, keeping its position', () => {
    const first = aSegment({ id: 'u1', startMs: 700 });
    const interim = aSegment({ id: 'u2', speaker: 'agent', isFinal: false, text: 'I can', startMs: 4000 });
    const final = { ...interim, isFinal: true, text: 'I can help with that.' };

    const updated = upsertSegment([first, interim], final);

    expect(updated.map((segment) => [segment.id, segment.text, segment.isFinal])).toEqual([
      ['u1', first.text, true],
      ['u2', 'I can help with that.', true],
    ]);
  });

  it('inserts a segment that arrives late at its place in the conversation', () => {
    const early = aSegment({ id: 'u1', startMs: 700 });
    const late = aSegment({ id: 'u3', startMs: 9000 });
    const between = aSegment({ id: 'u2', speaker: 'agent', startMs: 4000 });
    expect(upsertSegment([early, late], between).map((segment) => segment.id)).toEqual(['u1', 'u2', 'u3']);
  });

  it('orders a snapshot the same way as live arrival, whatever order the segments come in', () => {
    const segments = [
      aSegment({ id: 'u4', speaker: 'caller', startMs: 12000 }),
      aSegment({ id: 'u1', speaker: 'agent', startMs: 700 }),
      aSegment({ id: 'u3', speaker: 'agent', startMs: 8000 }),
      aSegment({ id: 'u2', speaker: 'caller', startMs: 4000 }),
    ];
    const live = segments.reduce<ReturnType<typeof upsertSegment>>((list, segment) => upsertSegment(list, segment), []);
    expect(orderSegments(segments)).toEqual(live);
    expect(live.map((segment) => segment.id)).toEqual(['u1', 'u2', 'u3', 'u4']);
  });

  it('puts the caller first when both speakers start at the same moment', () => {
    const agent = aSegment({ id: 'a', speaker: 'agent', startMs: 100 });
    const caller = aSegment({ id: 'b', speaker: 'caller', startMs: 100 });
    expect(compareSegments(caller, agent)).toBeLessThan(0);
    expect(compareSegments(agent, caller)).toBeGreaterThan(0);
  });
});
