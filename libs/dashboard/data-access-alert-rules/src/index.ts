export { ALERT_RULES_API_URL, AlertRulesApiClient, type RulesResult } from './lib/alert-rules-api.client';
export { AlertRulesStore } from './lib/alert-rules.store';
export {
  INITIAL_RULES_EDITOR,
  ruleAdded,
  ruleChanged,
  ruleRemoved,
  rulesFailed,
  rulesLoaded,
  rulesOf,
  rulesSaved,
  saveStarted,
  type RuleDraft,
  type RuleField,
  type RulesEditorState,
  type RulesFailure,
} from './lib/rules-editor';
