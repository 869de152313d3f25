import { ALERT_RULES, validate, type AlertRule } from '@tnt/protocol';
import { ConfigError, readJsonFile } from '@tnt/server/util-config';
import { findRuleSetProblem } from './alert-rules-check';

const VARIABLE = 'TNT_ALERT_RULES_FILE';

/**
 * Reads the rules of `TNT_ALERT_RULES_FILE` (JSON: `[{name, phrases: [...], regex?, speaker?,
 * severity?}]`). A file that cannot be read, is not JSON, breaks the rule schema, repeats a name or
 * has a regex that does not compile stops the start with a `ConfigError` saying which and where.
 */
export function readAlertRulesFile(file: string): AlertRule[] {
  const result = validate(ALERT_RULES, readJsonFile(VARIABLE, file));
  if (!result.ok) throw new ConfigError(VARIABLE, `must hold a list of alert rules: ${result.message}`, file);
  const problem = findRuleSetProblem(result.value);
  if (problem !== undefined) throw new ConfigError(VARIABLE, `must hold a usable rule set: ${problem}`, file);
  return result.value;
}
