import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AssistCard } from '@tnt/protocol';
import { compileRule, type CompiledRule } from '@tnt/extensions/phrase-alerts';

/** The cards the module starts with (read from `TNT_ASSIST_CARDS_FILE`). */
export const SEEDED_ASSIST_CARDS = Symbol('SEEDED_ASSIST_CARDS');

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
 * The agent-assist cards in force, compiled once. Seeded at start; `replace` swaps them all at
 * once, so a segment is matched against one set or the other, never a mix. Same shape as the phrase
 * alerts' `AlertRuleSet` (`rules`/`cards`, `matchers`, `replace`), so both can move behind one
 * settings store together.
 */
@Injectable()
export class AssistCardSet implements OnModuleInit {
  private readonly logger = new Logger(AssistCardSet.name);
  private compiled: readonly CompiledCard[] = [];
  private current: readonly AssistCard[] = [];

  constructor(@Inject(SEEDED_ASSIST_CARDS) private readonly seeded: readonly AssistCard[]) {}

  onModuleInit(): void {
    this.replace(this.seeded);
    this.logger.log(`agent assist: ${this.current.length} card(s): ${this.current.map((card) => card.id).join(', ') || 'none'}`);
  }

  /** The cards as given. */
  get cards(): readonly AssistCard[] {
    return this.current;
  }

  /** The cards, ready to match. */
  get matchers(): readonly CompiledCard[] {
    return this.compiled;
  }

  /** Puts `cards` in force; throws a `TypeError` (changing nothing) when two share an id. */
  replace(cards: readonly AssistCard[]): void {
    const repeated = repeatedCardId(cards);
    if (repeated !== undefined) throw new TypeError(`cards must not hold two cards of id ${JSON.stringify(repeated)}`);
    const compiled = cards.map(compileCard);
    this.current = [...cards];
    this.compiled = compiled;
  }
}
