import { decodeCallCursor, encodeCallCursor } from './call-cursor';
import { toFullTextQuery } from './full-text-query';
import { MATCH_CLOSE, MATCH_OPEN, readHighlights } from './highlight';

describe('search helpers', () => {
  it('reads FTS5 highlight marks into plain text, ranges and escaped HTML', () => {
    const marked = `${MATCH_OPEN}Café${MATCH_CLOSE} <refund> & ${MATCH_OPEN}café${MATCH_CLOSE}`;
    expect(readHighlights(marked)).toEqual({
      text: 'Café <refund> & café',
      highlights: [
        { start: 0, end: 4 },
        { start: 16, end: 20 },
      ],
      highlighted: '<mark>Café</mark> &lt;refund&gt; &amp; <mark>café</mark>',
    });
  });

  it('quotes every word of a search so FTS5 operators are plain text', () => {
    expect(toFullTextQuery('refund AND "card"*')).toBe('"refund" "AND" "card"');
    expect(toFullTextQuery('número 4271')).toBe('"número" "4271"');
    expect(() => toFullTextQuery('x'.repeat(201))).toThrow('q must be at most 200 characters (got 201)');
  });

  it('round-trips a cursor and rejects one it did not make', () => {
    expect(decodeCallCursor(encodeCallCursor(4711))).toBe(4711);
    expect(() => decodeCallCursor(Buffer.from('calls:0').toString('base64url'))).toThrow(/cursor must be a nextCursor/);
    expect(() => decodeCallCursor('calls:12')).toThrow(/cursor must be a nextCursor/);
  });
});
