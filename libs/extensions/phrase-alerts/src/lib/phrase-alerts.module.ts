import {
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Type,
  type ValueProvider,
} from '@nestjs/common';
import type { AlertRule } from '@tnt/protocol';
import { AuthModule } from '@tnt/server/feature-auth';
import type { AdapterProvider } from '@tnt/server/feature-sessions';
import { EXTENSION_SETTINGS, INTERVAL_RELOAD_TIMER, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { MetricsModule } from '@tnt/server/util-metrics';
import { AlertRuleSet } from './alert-rule-set';
import { readAlertRulesFile } from './alert-rules-file';
import { AlertRulesController } from './alert-rules.controller';
import { PhraseAlertProcessor } from './phrase-alert.processor';
import { ALERT_RULES_RELOAD_INTERVAL_MS, ALERT_RULES_RELOAD_TIMER, SEEDED_ALERT_RULES, StoredAlertRules } from './stored-alert-rules';

/** How often an instance reads the stored rules' version by default: a changed set is in force everywhere within this. */
export const DEFAULT_ALERT_RULES_RELOAD_INTERVAL_MS = 2_000;

/** What `PhraseAlertsModule.forRoot` takes: where the rules are kept, and the rules to seed an empty store with. */
export interface PhraseAlertsModuleOptions {
  /**
   * The auth module whose guard checks the supervisors' tokens: the one the rest of the server imports
   * (users in PostgreSQL in a cluster); `AuthModule` (the users file) when absent.
   */
  readonly auth?: Type | DynamicModule;
  /** Modules whose exports the `settings` factory injects (the storage module). */
  readonly imports?: ModuleMetadata['imports'];
  /** Where the rule set is kept (`TNT_STORE`'s settings): shared by every instance of a cluster. */
  readonly settings: AdapterProvider<ExtensionSettingsStore>;
  /** Rules to seed an empty store with, given in code (before those of `rulesFile`). */
  readonly rules?: readonly AlertRule[];
  /** A `TNT_ALERT_RULES_FILE` seeding an empty store at start (a bad file stops the start, naming the variable). */
  readonly rulesFile?: string;
  /** Milliseconds between two reads of the stored version (default {@link DEFAULT_ALERT_RULES_RELOAD_INTERVAL_MS}). */
  readonly reloadIntervalMs?: number;
}

/**
 * Phrase alerts as a team would add them: a Nest module whose transcript processor
 * (`@ProcessesTranscripts({ order: 200 })`) raises `alert` insights through the pipeline's
 * `context.raiseInsight`, on rules kept in the store that supervisors edit at `/api/alert-rules`
 * (see {@link StoredAlertRules} for seeding and how a change reaches every instance).
 */
@Module({})
export class PhraseAlertsModule {
  static forRoot(options: PhraseAlertsModuleOptions): DynamicModule {
    return {
      module: PhraseAlertsModule,
      imports: [options.auth ?? AuthModule, MetricsModule, ...(options.imports ?? [])],
      controllers: [AlertRulesController],
      providers: [
        { provide: EXTENSION_SETTINGS, ...options.settings } as ValueProvider | ClassProvider | FactoryProvider,
        { provide: SEEDED_ALERT_RULES, useFactory: () => seededRules(options) },
        { provide: ALERT_RULES_RELOAD_TIMER, useValue: INTERVAL_RELOAD_TIMER },
        { provide: ALERT_RULES_RELOAD_INTERVAL_MS, useValue: options.reloadIntervalMs ?? DEFAULT_ALERT_RULES_RELOAD_INTERVAL_MS },
        AlertRuleSet,
        StoredAlertRules,
        PhraseAlertProcessor,
      ],
      exports: [AlertRuleSet, StoredAlertRules],
    };
  }
}

function seededRules(options: PhraseAlertsModuleOptions): AlertRule[] | null {
  if (options.rules === undefined && options.rulesFile === undefined) return null;
  return [...(options.rules ?? []), ...(options.rulesFile === undefined ? [] : readAlertRulesFile(options.rulesFile))];
}
