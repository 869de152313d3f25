import { array, guard, integer, literal, object, optional, refine, string, type Infer } from './schema';
import { SPEAKER } from './speaker';

/** Most cards in force at once (the contents of `TNT_ASSIST_CARDS_FILE` or one `PUT /api/assist-cards`). */
export const MAX_ASSIST_CARDS = 500;
/** Most trigger phrases of one card. */
export const MAX_ASSIST_CARD_PHRASES = 100;

/** A card's id: letters, digits, `-` and `_`, as a supervisor would name it in a file. */
export const ASSIST_CARD_ID = string({
  min: 1,
  max: 64,
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  rule: 'an id of 1 to 64 letters, digits, "-" or "_", starting with a letter or digit',
});

/** Where a card points the agent for more: an `http(s)` address or a path on the same site. */
export const ASSIST_CARD_LINK = string({
  min: 1,
  max: 2000,
  pattern: /^(https?:\/\/[^\s/]+|\/(?!\/))\S*$/,
  rule: 'an http(s) address or a path starting with one "/", of at most 2000 characters and without spaces',
});

/**
 * A knowledge card for the agent: when a final segment said by `speaker` (default `caller`) says
 * one of `phrases` (whole words, simple stemming as phrase alerts match them: `refunds` meets
 * `refund`), the card's `title`, short `body` and optional `link` are shown to the call's agent,
 * once per call.
 */
export const ASSIST_CARD = refine(
  object(
    {
      id: ASSIST_CARD_ID,
      title: string({ min: 1, max: 120 }),
      body: string({ min: 1, max: 1000 }),
      link: optional(ASSIST_CARD_LINK),
      phrases: array(string({ min: 1, max: 200 }), { min: 1, max: MAX_ASSIST_CARD_PHRASES }),
      speaker: optional(SPEAKER),
    },
    'reject',
  ),
  (card) => card.title.trim() !== '' && card.body.trim() !== '',
  { field: 'title', rule: 'a title and body that are not only spaces' },
);
/** A knowledge card, see {@link ASSIST_CARD}. */
export type AssistCard = Infer<typeof ASSIST_CARD>;

/** A list of cards (the contents of `TNT_ASSIST_CARDS_FILE`). */
export const ASSIST_CARDS = array(ASSIST_CARD, { max: MAX_ASSIST_CARDS });

/** Every card, as the settings store keeps them (`agent-assist.cards`). */
export const ASSIST_CARDS_BODY = object({ cards: ASSIST_CARDS }, 'reject');
/** Every card in force, see {@link ASSIST_CARDS_BODY}. */
export type AssistCardsBody = Infer<typeof ASSIST_CARDS_BODY>;

/**
 * The answer of `GET` and `PUT /api/assist-cards`: every card in force and the version of the cards
 * in the store (0 before anything was saved or seeded). The same version is the `ETag` (`"3"`).
 */
export const ASSIST_CARDS_STATE = object({ cards: ASSIST_CARDS, version: integer({ min: 0 }) }, 'reject');
/** The cards in force with their version, see {@link ASSIST_CARDS_STATE}. */
export type AssistCardsState = Infer<typeof ASSIST_CARDS_STATE>;

/**
 * The body of `PUT /api/assist-cards`: every card at once. With `version` (or an `If-Match: "3"`
 * header) it is saved only over that version, and a newer one is refused with 409
 * `SETTINGS_VERSION_CONFLICT`; without either it replaces whatever is stored (the first API's way).
 */
export const ASSIST_CARDS_UPDATE = object({ cards: ASSIST_CARDS, version: optional(integer({ min: 0 })) }, 'reject');
/** A new set of cards, see {@link ASSIST_CARDS_UPDATE}. */
export type AssistCardsUpdate = Infer<typeof ASSIST_CARDS_UPDATE>;

/**
 * A card was raised for the agent: what the caller said (`matched`, as redacted, in segment
 * `segmentId`) called up card `cardId`, whose `title`, `body` and `link` are copied as they were
 * then, so the call's record shows what the agent saw even after the card is edited.
 */
export const ASSIST_INSIGHT = object(
  {
    kind: literal('assist'),
    id: string({ min: 1 }),
    timestamp: string(),
    cardId: string({ min: 1 }),
    title: string(),
    body: string(),
    link: optional(string()),
    matched: string(),
    segmentId: string(),
    speaker: SPEAKER,
  },
  'keep',
);
/** A card raised in a call, see {@link ASSIST_INSIGHT}. */
export type AssistInsight = Infer<typeof ASSIST_INSIGHT>;

/** True for a well-formed `assist` insight. */
export const isAssistInsight = guard(ASSIST_INSIGHT);

/** The first field a failed card check names, read from its message (`cards[2].title must be …` → `{index: 2, field: 'title'}`). */
export function assistCardFieldOf(message: string): { index: number; field: string } | undefined {
  const found = /^cards\[(\d+)\]\.([A-Za-z]+)/.exec(message);
  return found ? { index: Number(found[1]), field: found[2] } : undefined;
}
