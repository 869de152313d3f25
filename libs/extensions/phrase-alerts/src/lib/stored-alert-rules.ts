import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ALERT_RULES_BODY, validate, type AlertRule, type AlertRulesState } from '@tnt/protocol';
import {
  EXTENSION_SETTINGS,
  SettingsVersionConflict,
  type ExtensionSettingsStore,
  type StoredSetting,
} from '@tnt/server/util-extension-settings';
import { METRICS, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { AlertRuleSet } from './alert-rule-set';

/** The key of the rule set in the extension settings store; its value is `{rules: [...]}` (`ALERT_RULES_BODY`). */
export const ALERT_RULES_KEY = 'phrase-alerts.rules';

/** The rules `TNT_ALERT_RULES_FILE` (or the code) offers to seed an empty store with; `null`: none. */
export const SEEDED_ALERT_RULES = Symbol('SEEDED_ALERT_RULES');
/** A {@link ReloadTimer}: how the instance re-reads the store's version, every `ALERT_RULES_RELOAD_INTERVAL_MS`. */
export const ALERT_RULES_RELOAD_TIMER = Symbol('ALERT_RULES_RELOAD_TIMER');
/** Milliseconds between two reads of the stored version. */
export const ALERT_RULES_RELOAD_INTERVAL_MS = Symbol('ALERT_RULES_RELOAD_INTERVAL_MS');

/** Runs `task` every `intervalMs` until the returned function is called; tests drive their own. */
export interface ReloadTimer {
  every(intervalMs: number, task: () => void): () => void;
}

/** The {@link ReloadTimer} of a running server: `setInterval`, not keeping the process alive. */
export const INTERVAL_RELOAD_TIMER: ReloadTimer = {
  every(intervalMs, task) {
    const timer = setInterval(task, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * Keeps this instance's {@link AlertRuleSet} equal to the rule set in the store, which every instance
 * of a cluster shares:
 *
 * - **Seeding.** At start, when the store holds no rules yet, the seeded rules (`TNT_ALERT_RULES_FILE`)
 *   are written with expected version 0: of several instances starting at once exactly one writes,
 *   the others are refused and read what it wrote. Once stored, the store wins: a changed file is
 *   not written again (a warning says it differs), supervisors edit the rules through the API.
 * - **Changes.** A save puts the rules in force here at once; every other instance reads the stored
 *   version every `reloadIntervalMs` (one primary-key read) and swaps in a newer set.
 * - **Faults.** A failed reload (store unreachable, a stored set that does not validate) keeps the
 *   rules in force, counts `tnt_alert_rules_reload_failures_total` each time and is logged once,
 *   until a reload succeeds again (logged too).
 */
@Injectable()
export class StoredAlertRules implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PhraseAlerts');
  private readonly reloadFailures: CounterMetric;
  private failing = false;
  private stopTimer?: () => void;
  private reloading?: Promise<void>;

  constructor(
    private readonly ruleSet: AlertRuleSet,
    @Inject(EXTENSION_SETTINGS) private readonly settings: ExtensionSettingsStore,
    @Inject(SEEDED_ALERT_RULES) private readonly seeded: readonly AlertRule[] | null,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(ALERT_RULES_RELOAD_TIMER) private readonly timer: ReloadTimer,
    @Inject(ALERT_RULES_RELOAD_INTERVAL_MS) private readonly reloadIntervalMs: number,
  ) {
    this.reloadFailures = metrics.counter({
      name: 'tnt_alert_rules_reload_failures_total',
      help: 'Reads of the stored phrase-alert rules that failed; the rules in force stay until one succeeds',
    });
    metrics.gauge({
      name: 'tnt_alert_rules_version',
      help: 'Store version of the phrase-alert rules in force on this instance (0: none stored)',
      sample: () => this.ruleSet.version,
    });
  }

  /** Seeds an empty store, puts the stored rules in force (a store that fails here stops the start), then polls. */
  async onModuleInit(): Promise<void> {
    const stored = await this.seed();
    if (stored) this.apply(stored);
    const names = this.ruleSet.rules.map((rule) => rule.name).join(', ') || 'none';
    this.logger.log(`phrase alerts: version ${this.ruleSet.version}, ${this.ruleSet.rules.length} rule(s): ${names}`);
    this.stopTimer = this.timer.every(this.reloadIntervalMs, () => void this.reload());
  }

  onModuleDestroy(): void {
    this.stopTimer?.();
  }

  /** The rules in force and their version, after reading the store (so an editor starts from the newest). */
  async current(): Promise<AlertRulesState> {
    const stored = await this.settings.get(ALERT_RULES_KEY);
    if (stored && stored.version !== this.ruleSet.version) this.apply(stored);
    return this.state();
  }

  /**
   * Stores `rules` (checked by the caller) over `expectedVersion` (any, when absent) and puts them in
   * force here. Throws {@link SettingsVersionConflict} when someone else saved since.
   */
  async save(rules: readonly AlertRule[], expectedVersion?: number): Promise<AlertRulesState> {
    const written = await this.settings.put(ALERT_RULES_KEY, { rules }, expectedVersion);
    if (written.version > this.ruleSet.version) this.apply(written);
    return this.state();
  }

  /** Reads the stored version and swaps in a newer rule set; one read at a time. Never throws. */
  reload(): Promise<void> {
    this.reloading ??= this.readStored().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async readStored(): Promise<void> {
    try {
      const stored = await this.settings.get(ALERT_RULES_KEY);
      if (stored && stored.version !== this.ruleSet.version) this.apply(stored);
      if (this.failing) this.logger.log(`phrase-alert rules are read from the store again (version ${this.ruleSet.version})`);
      this.failing = false;
    } catch (error) {
      this.reloadFailures.inc();
      if (this.failing) return;
      this.failing = true;
      this.logger.error(
        `could not reload the phrase-alert rules (${(error as Error).message}); version ${this.ruleSet.version} stays in force ` +
          `and the store is read again every ${this.reloadIntervalMs} ms: check the store (TNT_STORE, TNT_DATABASE_URL) ` +
          `and save a valid rule set at PUT /api/alert-rules if the stored one is broken`,
      );
    }
  }

  private async seed(): Promise<StoredSetting | undefined> {
    const stored = await this.settings.get(ALERT_RULES_KEY);
    if (stored || this.seeded === null) {
      if (stored && this.seeded !== null && JSON.stringify(this.seeded) !== JSON.stringify(rulesOf(stored)))
        this.logger.warn(
          `TNT_ALERT_RULES_FILE differs from the stored rules (version ${stored.version}); the stored ones stay in force ` +
            `(the file only seeds an empty store): edit them at /api/alert-rules or the dashboard's Rules page`,
        );
      return stored;
    }
    try {
      const written = await this.settings.put(ALERT_RULES_KEY, { rules: this.seeded }, 0);
      this.logger.log(`seeded ${this.seeded.length} phrase-alert rule(s) from TNT_ALERT_RULES_FILE into the store`);
      return written;
    } catch (error) {
      if (!(error instanceof SettingsVersionConflict)) throw error;
      // Another instance seeded first: its rules (the same file, or edits since) are the ones.
      return this.settings.get(ALERT_RULES_KEY);
    }
  }

  private apply(stored: StoredSetting): void {
    this.ruleSet.apply(rulesOf(stored), stored.version);
  }

  private state(): AlertRulesState {
    return { rules: [...this.ruleSet.rules], version: this.ruleSet.version };
  }
}

/** The rules of a stored document; throws, naming the version, when it is not a valid rule set. */
function rulesOf(stored: StoredSetting): AlertRule[] {
  const result = validate(ALERT_RULES_BODY, stored.value);
  if (!result.ok) throw new Error(`the stored phrase-alert rules (version ${stored.version}) are not valid: ${result.message}`);
  return result.value.rules;
}
