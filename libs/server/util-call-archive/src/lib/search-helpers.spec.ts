import { decodeCallCursor, encodeCallCursor } from './call-cursor';
import { MATCH_CLOSE, MATCH_OPEN, readHighlights } from './highlight';
import { searchWords } from './search-words';

describe('search helpers', () => {
  it('reads highlight marks into plain text, ranges and escaped HTML', () => {
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

  it('keeps only the words of a search, so query syntax is never interpreted', () => {
    expect(searchWords('refund AND "card"*')).toEqual(['refund', 'AND', 'card']);
    expect(searchWords('número 4271')).toEqual(['número', '4271']);
    expect(() => searchWords('x'.repeat(201))).toThrow('q must be at most 200 characters (got 201)');
    expect(() => searchWords('?!')).toThrow('q must contain a letter or digit (got "?!")');
  });

  it('round-trips a cursor and rejects one it did not make', () => {
    expect(decodeCallCursor(encodeCallCursor(4711))).toBe(4711);
    expect(() => decodeCallCursor(Buffer.from('calls:0').toString('base64url'))).toThrow(/cursor must be a nextCursor/);
    expect(() => decodeCallCursor('calls:12')).toThrow(/cursor must be a nextCursor/);
  });
});
