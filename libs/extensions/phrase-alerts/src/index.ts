export { readAlertRulesFile } from './lib/alert-rules-file';
export { AlertRuleSet } from './lib/alert-rule-set';
export { compileRule, matchRules, stem, type CompiledRule, type RuleMatch } from './lib/phrase-matcher';
export { PhraseAlertProcessor } from './lib/phrase-alert.processor';
export { PhraseAlertsModule, type PhraseAlertsModuleOptions } from './lib/phrase-alerts.module';
