export { readAlertRulesFile } from './lib/alert-rules-file';
export { findRuleSetProblem } from './lib/alert-rules-check';
export { AlertRuleSet } from './lib/alert-rule-set';
export { compileRule, matchRules, stem, type CompiledRule, type RuleMatch } from './lib/phrase-matcher';
export { PhraseAlertProcessor } from './lib/phrase-alert.processor';
export { DEFAULT_ALERT_RULES_RELOAD_INTERVAL_MS, PhraseAlertsModule, type PhraseAlertsModuleOptions } from './lib/phrase-alerts.module';
export { ALERT_RULES_KEY, StoredAlertRules } from './lib/stored-alert-rules';
export type { ReloadTimer } from '@tnt/server/util-extension-settings';
