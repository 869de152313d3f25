import type { AlertRule } from '@tnt/protocol';
import { compileRule } from './phrase-matcher';

/**
 * What the rule schema cannot say about a whole rule set: names are unique and regexes compile.
 * Returns the first problem as `rules[i].<field> must …` (the path the protocol's validator uses,
 * so a client can show it beside the field), or `undefined` when the set is good.
 */
export function findRuleSetProblem(rules: readonly AlertRule[]): string | undefined {
  const firstWithName = new Map<string, number>();
  for (const [index, rule] of rules.entries()) {
    const earlier = firstWithName.get(rule.name);
    if (earlier !== undefined) return `rules[${index}].name must differ from rules[${earlier}].name (both ${JSON.stringify(rule.name)})`;
    firstWithName.set(rule.name, index);
    if (rule.regex === undefined) continue;
    try {
      compileRule(rule);
    } catch (error) {
      return `rules[${index}].regex must compile (${(error as Error).message})`;
    }
  }
  return undefined;
}
