import { Injectable } from '@nestjs/common';
import type { AlertRule } from '@tnt/protocol';
import { compileRule, type CompiledRule } from './phrase-matcher';

/**
 * The phrase-alert rules in force on this instance, compiled once, with the store version they came
 * from (0: none stored). {@link StoredAlertRules} keeps them up to date with the store; `apply` swaps
 * them all at once, so a segment is matched against one set or the other, never a mix.
 */
@Injectable()
export class AlertRuleSet {
  private compiled: readonly CompiledRule[] = [];
  private current: readonly AlertRule[] = [];
  private currentVersion = 0;

  /** The rules as given. */
  get rules(): readonly AlertRule[] {
    return this.current;
  }

  /** The rules, ready to match. */
  get matchers(): readonly CompiledRule[] {
    return this.compiled;
  }

  /** The store version of the rules in force. */
  get version(): number {
    return this.currentVersion;
  }

  /** Puts `rules` (version `version` of the store) in force; throws, changing nothing, when one does not compile. */
  apply(rules: readonly AlertRule[], version: number): void {
    const compiled = rules.map(compileRule);
    this.current = [...rules];
    this.compiled = compiled;
    this.currentVersion = version;
  }
}
