export { ASSIST_CARDS_API_URL, AssistCardsClient, type CardsResult } from './lib/assist-cards.client';
export { applyCardsResult, AssistCardsStore, type AssistCardsState, INITIAL_CARDS_STATE } from './lib/assist-cards.store';
export {
  type CardDraft,
  type CardField,
  cardOf,
  type CardsRefusal,
  draftOf,
  EMPTY_DRAFT,
  refusalOf,
  withCard,
  withoutCard,
} from './lib/card-drafts';
