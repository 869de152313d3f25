import { assistCardFieldOf, type AssistCard, type Speaker } from '@tnt/protocol';

/** A card as the form holds it: text fields, phrases one per line. */
export interface CardDraft {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly link: string;
  /** One phrase a line (commas separate too). */
  readonly phrases: string;
  readonly speaker: Speaker;
}

/** The fields of a card a problem can name. */
export type CardField = keyof CardDraft;

/** Why the server refused the cards: the message, and the card and field it names when it names one. */
export interface CardsRefusal {
  readonly message: string;
  readonly index?: number;
  readonly field?: CardField;
}

const CARD_FIELDS: readonly string[] = ['id', 'title', 'body', 'link', 'phrases', 'speaker'];

/** An empty form for a new card. */
export const EMPTY_DRAFT: CardDraft = { id: '', title: '', body: '', link: '', phrases: '', speaker: 'caller' };

/** The form for an existing card. */
export function draftOf(card: AssistCard): CardDraft {
  return {
    id: card.id,
    title: card.title,
    body: card.body,
    link: card.link ?? '',
    phrases: card.phrases.join('\n'),
    speaker: card.speaker ?? 'caller',
  };
}

/**
 * The card a form describes, trimmed, as the server will check it: an empty link is no link, and
 * the speaker is written only when it is not the default (the caller).
 */
export function cardOf(draft: CardDraft): AssistCard {
  const link = draft.link.trim();
  return {
    id: draft.id.trim(),
    title: draft.title.trim(),
    body: draft.body.trim(),
    ...(link === '' ? {} : { link }),
    phrases: draft.phrases
      .split(/[\n,]/)
      .map((phrase) => phrase.trim())
      .filter((phrase) => phrase !== ''),
    ...(draft.speaker === 'caller' ? {} : { speaker: draft.speaker }),
  };
}

/** `cards` with `card` in place of the one at `index`, or added at the end when `index` is undefined. */
export function withCard(cards: readonly AssistCard[], card: AssistCard, index?: number): AssistCard[] {
  if (index === undefined || index < 0 || index >= cards.length) return [...cards, card];
  return cards.map((existing, position) => (position === index ? card : existing));
}

/** `cards` without the one at `index`. */
export function withoutCard(cards: readonly AssistCard[], index: number): AssistCard[] {
  return cards.filter((_card, position) => position !== index);
}

/** The server's `VALIDATION_FAILED` message, with the card and field it names (`cards[1].title must be …`). */
export function refusalOf(message: string): CardsRefusal {
  const named = assistCardFieldOf(message);
  if (!named || !CARD_FIELDS.includes(named.field)) return { message };
  return { message, index: named.index, field: named.field as CardField };
}
