import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ASSIST_CARDS_BODY, validate, type AssistCard, type AssistCardsState } from '@tnt/protocol';
import {
  EXTENSION_SETTINGS,
  StoredSettingsDocument,
  type ExtensionSettingsStore,
  type ReloadTimer,
  type SettingsDocumentOptions,
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
 * `StoredSettingsDocument`): an empty store is seeded once from `TNT_ASSIST_CARDS_FILE` (expected
 * version 0, so of several instances starting at once one writes); after that the store wins. A save
 * is in force here at once and on every other instance within the reload interval; a failed reload
 * keeps the cards in force and counts `tnt_assist_cards_reload_failures_total`.
 */
@Injectable()
export class StoredAssistCards implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AgentAssist');
  private readonly document: StoredSettingsDocument<readonly AssistCard[]>;

  constructor(
    private readonly cardSet: AssistCardSet,
    @Inject(EXTENSION_SETTINGS) settings: ExtensionSettingsStore,
    @Inject(SEEDED_ASSIST_CARDS) seeded: readonly AssistCard[] | null,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(ASSIST_CARDS_RELOAD_TIMER) timer: ReloadTimer,
    @Inject(ASSIST_CARDS_RELOAD_INTERVAL_MS) reloadIntervalMs: number,
  ) {
    this.document = new StoredSettingsDocument(ASSIST_CARDS_DOCUMENT, cardSet, settings, seeded, metrics, timer, reloadIntervalMs);
  }

  /** Seeds an empty store, puts the stored cards in force (a store that fails here stops the start), then polls. */
  async onModuleInit(): Promise<void> {
    await this.document.start();
    const ids = this.cardSet.cards.map((card) => card.id).join(', ') || 'none';
    this.logger.log(`agent assist: version ${this.cardSet.version}, ${this.cardSet.cards.length} card(s): ${ids}`);
  }

  onModuleDestroy(): void {
    this.document.stop();
  }

  /** The cards in force and their version, after reading the store (so an editor starts from the newest). */
  async current(): Promise<AssistCardsState> {
    await this.document.refresh();
    return this.state();
  }

  /**
   * Stores `cards` (checked by the caller) over `expectedVersion` (any, when absent) and puts them in
   * force here. Throws `SettingsVersionConflict` when someone else saved since.
   */
  async save(cards: readonly AssistCard[], expectedVersion?: number): Promise<AssistCardsState> {
    await this.document.save(cards, expectedVersion);
    return this.state();
  }

  /** Reads the stored version and swaps in newer cards; one read at a time. Never throws. */
  reload(): Promise<void> {
    return this.document.reload();
  }

  private state(): AssistCardsState {
    return { cards: [...this.cardSet.cards], version: this.cardSet.version };
  }
}

/** The cards as a document of the store: `{cards: [...]}`, checked against `ASSIST_CARDS_BODY` and for repeated ids. */
const ASSIST_CARDS_DOCUMENT: SettingsDocumentOptions<readonly AssistCard[]> = {
  key: ASSIST_CARDS_KEY,
  what: 'assist cards',
  noun: 'cards',
  seedVariable: 'TNT_ASSIST_CARDS_FILE',
  editedAt: "PUT /api/assist-cards or the dashboard's Cards page",
  metricPrefix: 'tnt_assist_cards',
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
