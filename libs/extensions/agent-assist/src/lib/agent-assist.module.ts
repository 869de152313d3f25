import {
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Type,
  type ValueProvider,
} from '@nestjs/common';
import type { AssistCard } from '@tnt/protocol';
import { AuthModule } from '@tnt/server/feature-auth';
import type { AdapterProvider } from '@tnt/server/feature-sessions';
import { EXTENSION_SETTINGS, INTERVAL_RELOAD_TIMER, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { MetricsModule } from '@tnt/server/util-metrics';
import { AgentAssistProcessor } from './agent-assist.processor';
import { AssistCardSet } from './assist-card-set';
import { readAssistCardsFile } from './assist-cards-file';
import { AssistCardsController } from './assist-cards.controller';
import { ASSIST_CARDS_RELOAD_INTERVAL_MS, ASSIST_CARDS_RELOAD_TIMER, SEEDED_ASSIST_CARDS, StoredAssistCards } from './stored-assist-cards';

/** How often an instance reads the stored cards' version by default: a change is in force everywhere within this. */
export const DEFAULT_ASSIST_CARDS_RELOAD_INTERVAL_MS = 2_000;

/** What `AgentAssistModule.forRoot` takes: where the cards are kept, and the cards to seed an empty store with. */
export interface AgentAssistModuleOptions {
  /**
   * The auth module whose guard checks the supervisors' tokens: the one the rest of the server imports
   * (users in PostgreSQL in a cluster); `AuthModule` (the users file) when absent.
   */
  readonly auth?: Type | DynamicModule;
  /** Modules whose exports the `settings` factory injects (the storage module). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where the cards are kept (`TNT_STORE`'s settings): shared by every instance of a cluster. */
  readonly settings: AdapterProvider<ExtensionSettingsStore>;
  /** Cards to seed an empty store with, given in code (before those of `cardsFile`). */
  readonly cards?: readonly AssistCard[];
  /** A `TNT_ASSIST_CARDS_FILE` seeding an empty store at start (a bad file stops the start, naming the variable and entry). */
  readonly cardsFile?: string;
  /** Milliseconds between two reads of the stored version (default {@link DEFAULT_ASSIST_CARDS_RELOAD_INTERVAL_MS}). */
  readonly reloadIntervalMs?: number;
}

/**
 * Agent assist as a team would add it: a Nest module whose transcript processor
 * (`@ProcessesTranscripts({ order: 210 })`) raises `assist` insights (knowledge cards for the
 * call's agent) through the pipeline's `context.raiseInsight`, matching phrases with the phrase
 * alerts' matcher, on cards kept in the store that supervisors edit at `/api/assist-cards` (see
 * {@link StoredAssistCards} for seeding and how a change reaches every instance).
 */
@Module({})
export class AgentAssistModule {
  static forRoot(options: AgentAssistModuleOptions): DynamicModule {
    return {
      module: AgentAssistModule,
      imports: [options.auth ?? AuthModule, MetricsModule, ...(options.imports ?? [])],
      controllers: [AssistCardsController],
      providers: [
        { provide: EXTENSION_SETTINGS, ...options.settings } as ValueProvider | ClassProvider | FactoryProvider,
        { provide: SEEDED_ASSIST_CARDS, useFactory: () => seededCards(options) },
        { provide: ASSIST_CARDS_RELOAD_TIMER, useValue: INTERVAL_RELOAD_TIMER },
        { provide: ASSIST_CARDS_RELOAD_INTERVAL_MS, useValue: options.reloadIntervalMs ?? DEFAULT_ASSIST_CARDS_RELOAD_INTERVAL_MS },
        AssistCardSet,
        StoredAssistCards,
        AgentAssistProcessor,
      ],
      exports: [AssistCardSet, StoredAssistCards],
    };
  }
}

function seededCards(options: AgentAssistModuleOptions): AssistCard[] | null {
  if (options.cards === undefined && options.cardsFile === undefined) return null;
  return [...(options.cards ?? []), ...(options.cardsFile === undefined ? [] : readAssistCardsFile(options.cardsFile))];
}
