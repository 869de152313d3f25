import { ASSIST_CARDS_BODY, ASSIST_INSIGHT, assistCardFieldOf, isAssistInsight } from './assist-card';
import { isInsight } from './insight';
import { validate } from './schema';

const CARD = { id: 'refunds', title: 'Refunds', body: 'Within 30 days.', phrases: ['refund'] };

describe('assist cards', () => {
  it('accepts a card with an http(s) link or a path, and the caller as default speaker', () => {
    expect(
      validate(ASSIST_CARDS_BODY, { cards: [CARD, { ...CARD, id: 'b', link: 'https://kb.example/r?a=1', speaker: 'agent' }] }).ok,
    ).toBe(true);
    expect(validate(ASSIST_CARDS_BODY, { cards: [{ ...CARD, link: '/kb/refunds' }] }).ok).toBe(true);
  });

  it.each([
    ['an empty title', { ...CARD, title: '' }, 'cards[0].title'],
    ['a title of spaces', { ...CARD, title: '   ' }, 'cards[0].title'],
    ['no phrases', { ...CARD, phrases: [] }, 'cards[0].phrases'],
    ['a javascript: link', { ...CARD, link: 'javascript:alert(1)' }, 'cards[0].link'],
    ['a protocol-relative link', { ...CARD, link: '//elsewhere.example/x' }, 'cards[0].link'],
    ['an id with spaces', { ...CARD, id: 'a b' }, 'cards[0].id'],
    ['an unknown field', { ...CARD, colour: 'red' }, 'cards[0].colour'],
  ])('refuses %s, naming the field', (_case, card, field) => {
    const result = validate(ASSIST_CARDS_BODY, { cards: [card] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.path).toBe(field);
      expect(result.message.startsWith(field)).toBe(true);
    }
  });

  it('reads the card and field back from a refusal message', () => {
    expect(assistCardFieldOf('cards[12].link must be an http(s) address')).toEqual({ index: 12, field: 'link' });
    expect(assistCardFieldOf('cards must not hold two cards of id "x"')).toBeUndefined();
  });

  it('types an assist insight that is also an insight of any kind', () => {
    const insight = {
      kind: 'assist',
      id: 'caller-1:assist:refunds',
      timestamp: '2026-01-01T00:00:01.000Z',
      cardId: 'refunds',
      title: 'Refunds',
      body: 'Within 30 days.',
      matched: 'refund',
      segmentId: 'caller-1',
      speaker: 'caller',
    };
    expect(isAssistInsight(insight)).toBe(true);
    expect(isInsight(insight)).toBe(true);
    expect(validate(ASSIST_INSIGHT, { ...insight, cardId: undefined })).toMatchObject({ ok: false, path: 'cardId' });
  });
});
