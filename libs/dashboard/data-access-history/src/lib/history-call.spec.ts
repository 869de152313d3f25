import { aHistoryCall, aStoredCall, aStoredSegment } from '../testing';
import { isHistoryPage, isHistoryTranscript } from './history-call';

describe('history answer checks', () => {
  const match = {
    seq: 3,
    segmentId: 'u1',
    speaker: 'caller',
    startMs: 0,
    endMs: 900,
    text: 'a refund',
    highlights: [{ start: 2, end: 8 }],
    highlighted: 'a <mark>refund</mark>',
  };

  it('accepts a page of calls with matches, and the last page without a cursor', () => {
    expect(isHistoryPage({ calls: [{ ...aHistoryCall(), matches: [match] }], nextCursor: 'next' })).toBe(true);
    expect(isHistoryPage({ calls: [], nextCursor: null })).toBe(true);
  });

  it('refuses a page whose calls or matches are malformed', () => {
    expect(isHistoryPage({ calls: [{ id: 'x' }], nextCursor: null })).toBe(false);
    expect(isHistoryPage({ calls: [{ ...aHistoryCall(), matches: [{ ...match, speaker: 'robot' }] }], nextCursor: null })).toBe(false);
    expect(isHistoryPage({ calls: [{ ...aHistoryCall(), matches: [{ ...match, highlights: [{ start: '2' }] }] }], nextCursor: null })).toBe(
      false,
    );
    expect(isHistoryPage({ calls: [] })).toBe(false);
  });

  it('accepts a transcript and refuses one with a malformed segment', () => {
    const stored = aStoredCall({}, [aStoredSegment()]);
    expect(isHistoryTranscript(stored)).toBe(true);
    expect(isHistoryTranscript({ ...stored, segments: [{ id: 'u1', text: 'no speaker' }] })).toBe(false);
  });
});
