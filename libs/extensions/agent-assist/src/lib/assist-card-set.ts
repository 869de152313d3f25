import { Injectable } from '@nestjs/common';
import type { AssistCard } from '@tnt/protocol';
import { compileRule, type CompiledRule } from '@tnt/extensions/phrase-alerts';

/** A card ready to match: the phrase alerts' compiled rule (named by the card's id) and the card. */
export interface CompiledCard {
  readonly card: AssistCard;
  readonly rule: CompiledRule;
}

/**
 * A card's phrases as a phrase-alert rule, so cards and alerts match words the same way (word
 * boundaries, simple stemming); its speaker defaults to the caller.
 */
export function compileCard(card: AssistCard): CompiledCard {
  return { card, rule: compileRule({ name: card.id, phrases: card.phrases, speaker: card.speaker ?? 'caller' }) };
}

/** The first id that `cards` repeat, if any. */
export function repeatedCardId(cards: readonly AssistCard[]): string | undefined {
  const ids = new Set<string>();
  for (const card of cards) {
    if (ids.has(card.id)) return card.id;
    ids.add(card.id);
  }
  return undefined;
}

/**
 * The agent-assist cards in force on this instance, compiled once, with the store version they came
 * from (0: none stored). `StoredAssistCards` keeps them up to date with the store; `apply`
 * swaps them all at once, so a segment is matched against one set or the other, never a mix. Same
 * shape as the phrase alerts' `AlertRuleSet`.
 */
@Injectable()
export class AssistCardSet {
  private compiled: readonly CompiledCard[] = [];
  private current: readonly AssistCard[] = [];
  private currentVersion = 0;

  /** The cards as given. */
  get cards(): readonly AssistCard[] {
    return this.current;
  }

  /** The cards, ready to match. */
  get matchers(): readonly CompiledCard[] {
    return this.compiled;
  }

  /** The store version of the cards in force. */
  get version(): number {
    return this.currentVersion;
  }

  /** Puts `cards` (version `version` of the store) in force; throws a `TypeError` (changing nothing) when two share an id. */
  apply(cards: readonly AssistCard[], version: number): void {
    const repeated = repeatedCardId(cards);
    if (repeated !== undefined) throw new TypeError(`cards must not hold two cards of id ${JSON.stringify(repeated)}`);
    const compiled = cards.map(compileCard);
    this.current = [...cards];
    this.compiled = compiled;
    this.currentVersion = version;
  }
}
