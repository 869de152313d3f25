import { Inject, Injectable } from '@nestjs/common';
import { ASSIST_CARDS_BODY, validate, type AssistCard, type AssistCardsState } from '@tnt/protocol';
import {
  EXTENSION_SETTINGS,
  StoredSettingsProvider,
  type ExtensionSettingsStore,
  type ReloadTimer,
  type SettingsProviderOptions,
} from '@tnt/server/util-extension-settings';
import { METRICS, type MetricsRegistry } from '@tnt/server/util-metrics';
import { AssistCardSet, repeatedCardId } from './assist-card-set';

/** The key of the cards in the extension settings store; its value is `{cards: [...]}` (`ASSIST_CARDS_BODY`). */
export const ASSIST_CARDS_KEY = 'agent-assist.cards';

/** The cards `TNT_ASSIST_CARDS_FILE` (or the code) offers to seed an empty store with; `null`: none. */
export const SEEDED_ASSIST_CARDS = Symbol('SEEDED_ASSIST_CARDS');
/** A `ReloadTimer`: how the instance re-reads the store's version, every `ASSIST_CARDS_RELOAD_INTERVAL_MS`. */
export const ASSIST_CARDS_RELOAD_TIMER = Symbol('ASSIST_CARDS_RELOAD_TIMER');
/** Milliseconds between two reads of the stored version. */
export const ASSIST_CARDS_RELOAD_INTERVAL_MS = Symbol('ASSIST_CARDS_RELOAD_INTERVAL_MS');

/**
 * Keeps this instance's {@link AssistCardSet} equal to the cards in the store, which every instance
 * of a cluster shares, exactly as the phrase alerts keep their rules (the settings lib's
 * `StoredSettingsProvider`): an empty store is seeded once from `TNT_ASSIST_CARDS_FILE` (expected
 * version 0, so of several instances starting at once one writes); after that the store wins. A save
 * is in force here at once and on every other instance within the reload interval; a failed reload
 * keeps the cards in force and counts `tnt_assist_cards_reload_failures_total`.
 */
@Injectable()
export class StoredAssistCards extends StoredSettingsProvider<readonly AssistCard[], AssistCardsState> {
  constructor(
    private readonly cardSet: AssistCardSet,
    @Inject(EXTENSION_SETTINGS) settings: ExtensionSettingsStore,
    @Inject(SEEDED_ASSIST_CARDS) seeded: readonly AssistCard[] | null,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(ASSIST_CARDS_RELOAD_TIMER) timer: ReloadTimer,
    @Inject(ASSIST_CARDS_RELOAD_INTERVAL_MS) reloadIntervalMs: number,
  ) {
    super(ASSIST_CARDS_DOCUMENT, cardSet, settings, seeded, metrics, timer, reloadIntervalMs);
  }

  protected state(): AssistCardsState {
    return { cards: [...this.cardSet.cards], version: this.cardSet.version };
  }

  protected namesInForce(): readonly string[] {
    return this.cardSet.cards.map((card) => card.id);
  }
}

/** The cards as a document of the store: `{cards: [...]}`, checked against `ASSIST_CARDS_BODY` and for repeated ids. */
const ASSIST_CARDS_DOCUMENT: SettingsProviderOptions<readonly AssistCard[]> = {
  key: ASSIST_CARDS_KEY,
  what: 'assist cards',
  noun: 'cards',
  seedVariable: 'TNT_ASSIST_CARDS_FILE',
  editedAt: "PUT /api/assist-cards or the dashboard's Cards page",
  metricPrefix: 'tnt_assist_cards',
  extension: 'agent assist',
  item: 'card',
  loggerContext: 'AgentAssist',
  parse(value) {
    const result = validate(ASSIST_CARDS_BODY, value);
    if (!result.ok) throw new Error(result.message);
    const repeated = repeatedCardId(result.value.cards);
    if (repeated !== undefined) throw new Error(`cards must not hold two cards of id ${JSON.stringify(repeated)}`);
    return result.value.cards;
  },
  toValue: (cards) => ({ cards }),
};
