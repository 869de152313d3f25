import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAssistCardsFile } from './assist-cards-file';

function fileWith(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'tnt-cards-')), 'cards.json');
  writeFileSync(file, content);
  return file;
}

const CARD = { id: 'refunds', title: 'Refund policy', body: 'Refunds within 30 days.', phrases: ['refund'] };

describe('TNT_ASSIST_CARDS_FILE', () => {
  it('reads a list of cards', () => {
    const cards = [
      CARD,
      { id: 'tracking', title: 'Tracking', body: 'Look it up.', link: '/kb/tracking', phrases: ['parcel'], speaker: 'caller' },
    ];
    expect(readAssistCardsFile(fileWith(JSON.stringify(cards)))).toEqual(cards);
  });

  it.each([
    ['not JSON', '[{', /TNT_ASSIST_CARDS_FILE must hold JSON/],
    ['not a list', '{"cards":[]}', /TNT_ASSIST_CARDS_FILE must hold a JSON array/],
    [
      'a card without phrases',
      JSON.stringify([CARD, { ...CARD, id: 'x', phrases: [] }]),
      /entry 1 \(id "x"\): phrases must be an array of 1 to/,
    ],
    ['a card without a title', JSON.stringify([{ ...CARD, title: undefined }]), /entry 0 \(id "refunds"\): title must be/],
    [
      'a link that is not an address',
      JSON.stringify([{ ...CARD, link: 'javascript:alert(1)' }]),
      /entry 0 \(id "refunds"\): link must be an http\(s\) address/,
    ],
    ['an unknown field', JSON.stringify([{ ...CARD, colour: 'red' }]), /entry 0 \(id "refunds"\): colour is not a known field/],
    ['a bad id', JSON.stringify([{ ...CARD, id: 'no spaces' }]), /entry 0 \(id "no spaces"\): id must be an id of 1 to 64/],
    ['two cards of one id', JSON.stringify([CARD, CARD]), /must not hold two cards of id "refunds"/],
  ])('stops the start on %s, naming the variable and the entry', (_case, content, message) => {
    expect(() => readAssistCardsFile(fileWith(content))).toThrow(message);
  });

  it('stops the start on a file that is not there', () => {
    expect(() => readAssistCardsFile('/nonexistent/cards.json')).toThrow(/TNT_ASSIST_CARDS_FILE must name a readable file/);
  });
});
