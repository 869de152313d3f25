import { highlightParts } from './highlight-parts';

describe('highlightParts', () => {
  it('cuts a line into plain and marked pieces that add up to the line', () => {
    const text = 'I would like a refund, a full refund.';
    const parts = highlightParts(text, [
      { start: 15, end: 21 },
      { start: 30, end: 36 },
    ]);

    expect(parts).toEqual([
      { text: 'I would like a ', marked: false },
      { text: 'refund', marked: true },
      { text: ', a full ', marked: false },
      { text: 'refund', marked: true },
      { text: '.', marked: false },
    ]);
    expect(parts.map((part) => part.text).join('')).toBe(text);
  });

  it('sorts and merges overlapping ranges and clamps ranges past the end', () => {
    expect(
      highlightParts('refund please', [
        { start: 7, end: 40 },
        { start: 0, end: 4 },
        { start: 2, end: 6 },
      ]),
    ).toEqual([
      { text: 'refund', marked: true },
      { text: ' ', marked: false },
      { text: 'please', marked: true },
    ]);
  });

  it('leaves a line without ranges whole, and an empty line empty', () => {
    expect(highlightParts('no match here', [])).toEqual([{ text: 'no match here', marked: false }]);
    expect(highlightParts('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});
