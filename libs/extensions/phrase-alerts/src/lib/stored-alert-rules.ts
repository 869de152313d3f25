import { Inject, Injectable } from '@nestjs/common';
import { ALERT_RULES_BODY, validate, type AlertRule, type AlertRulesState } from '@tnt/protocol';
import {
  EXTENSION_SETTINGS,
  StoredSettingsProvider,
  type ExtensionSettingsStore,
  type ReloadTimer,
  type SettingsProviderOptions,
} from '@tnt/server/util-extension-settings';
import { METRICS, type MetricsRegistry } from '@tnt/server/util-metrics';
import { AlertRuleSet } from './alert-rule-set';

/** The key of the rule set in the extension settings store; its value is `{rules: [...]}` (`ALERT_RULES_BODY`). */
export const ALERT_RULES_KEY = 'phrase-alerts.rules';

/** The rules `TNT_ALERT_RULES_FILE` (or the code) offers to seed an empty store with; `null`: none. */
export const SEEDED_ALERT_RULES = Symbol('SEEDED_ALERT_RULES');
/** A {@link ReloadTimer}: how the instance re-reads the store's version, every `ALERT_RULES_RELOAD_INTERVAL_MS`. */
export const ALERT_RULES_RELOAD_TIMER = Symbol('ALERT_RULES_RELOAD_TIMER');
/** Milliseconds between two reads of the stored version. */
export const ALERT_RULES_RELOAD_INTERVAL_MS = Symbol('ALERT_RULES_RELOAD_INTERVAL_MS');

/**
 * Keeps this instance's {@link AlertRuleSet} equal to the rule set in the store, which every instance
 * of a cluster shares (the settings lib's `StoredSettingsProvider`, which agent assist's cards use too):
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
export class StoredAlertRules extends StoredSettingsProvider<readonly AlertRule[], AlertRulesState> {
  constructor(
    private readonly ruleSet: AlertRuleSet,
    @Inject(EXTENSION_SETTINGS) settings: ExtensionSettingsStore,
    @Inject(SEEDED_ALERT_RULES) seeded: readonly AlertRule[] | null,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(ALERT_RULES_RELOAD_TIMER) timer: ReloadTimer,
    @Inject(ALERT_RULES_RELOAD_INTERVAL_MS) reloadIntervalMs: number,
  ) {
    super(ALERT_RULES_DOCUMENT, ruleSet, settings, seeded, metrics, timer, reloadIntervalMs);
  }

  protected state(): AlertRulesState {
    return { rules: [...this.ruleSet.rules], version: this.ruleSet.version };
  }

  protected namesInForce(): readonly string[] {
    return this.ruleSet.rules.map((rule) => rule.name);
  }
}

/** The rule set as a document of the store: `{rules: [...]}`, checked against `ALERT_RULES_BODY`. */
const ALERT_RULES_DOCUMENT: SettingsProviderOptions<readonly AlertRule[]> = {
  key: ALERT_RULES_KEY,
  what: 'phrase-alert rules',
  noun: 'rules',
  seedVariable: 'TNT_ALERT_RULES_FILE',
  editedAt: "PUT /api/alert-rules or the dashboard's Rules page",
  metricPrefix: 'tnt_alert_rules',
  extension: 'phrase alerts',
  item: 'rule',
  loggerContext: 'PhraseAlerts',
  parse(value) {
    const result = validate(ALERT_RULES_BODY, value);
    if (!result.ok) throw new Error(result.message);
    return result.value.rules;
  },
  toValue: (rules) => ({ rules }),
};
