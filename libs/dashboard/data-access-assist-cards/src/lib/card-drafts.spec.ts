import type { AssistCard } from '@tnt/protocol';
import { applyCardsResult, INITIAL_CARDS_STATE } from './assist-cards.store';
import { cardOf, draftOf, EMPTY_DRAFT, refusalOf, withCard, withoutCard } from './card-drafts';

const REFUNDS: AssistCard = {
  id: 'refunds',
  title: 'Refunds',
  body: 'Within 30 days.',
  link: '/kb/refunds',
  phrases: ['refund', 'money back'],
};
const TRACKING: AssistCard = { id: 'tracking', title: 'Tracking', body: 'Look it up.', phrases: ['parcel'], speaker: 'agent' };

describe('card drafts', () => {
  it('turns a form into a trimmed card, phrases one a line or comma-separated, without an empty link or the default speaker', () => {
    expect(
      cardOf({ ...EMPTY_DRAFT, id: ' refunds ', title: ' Refunds', body: 'Within 30 days. ', phrases: 'refund\n\n money back, ' }),
    ).toEqual({
      id: 'refunds',
      title: 'Refunds',
      body: 'Within 30 days.',
      phrases: ['refund', 'money back'],
    });
    expect(cardOf(draftOf(REFUNDS))).toEqual(REFUNDS);
    expect(cardOf(draftOf(TRACKING))).toEqual(TRACKING);
  });

  it('adds, replaces and removes a card by its place in the list', () => {
    expect(withCard([REFUNDS], TRACKING)).toEqual([REFUNDS, TRACKING]);
    expect(withCard([REFUNDS, TRACKING], { ...REFUNDS, title: 'New' }, 0).map((card) => card.title)).toEqual(['New', 'Tracking']);
    expect(withoutCard([REFUNDS, TRACKING], 0)).toEqual([TRACKING]);
  });

  it('reads the card and field a server refusal names, and keeps a message that names none', () => {
    expect(refusalOf('cards[1].title must be a string of 1 to 120 characters')).toEqual({
      message: 'cards[1].title must be a string of 1 to 120 characters',
      index: 1,
      field: 'title',
    });
    expect(refusalOf('cards must not hold two cards of id "x"')).toEqual({ message: 'cards must not hold two cards of id "x"' });
  });

  it('keeps the cards in force when a save is refused, and takes the new ones when it is not', () => {
    const ready = applyCardsResult(INITIAL_CARDS_STATE, { ok: true, cards: [REFUNDS], version: 1 });
    expect(ready).toEqual({ status: 'ready', cards: [REFUNDS], version: 1, saving: false });
    const refused = applyCardsResult(
      { ...ready, saving: true },
      { ok: false, kind: 'refused', message: 'cards[0].link must be an http(s) address' },
    );
    expect(refused).toEqual({
      status: 'ready',
      cards: [REFUNDS],
      version: 1,
      saving: false,
      problem: { message: 'cards[0].link must be an http(s) address', index: 0, field: 'link' },
    });
    expect(applyCardsResult(INITIAL_CARDS_STATE, { ok: false, kind: 'failed', message: 'down' }).status).toBe('failed');
  });
});
