import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { AlertRule } from '@tnt/protocol';
import { compileRule, type CompiledRule } from './phrase-matcher';

/** The rules the module starts with (read from `TNT_ALERT_RULES_FILE`). */
export const SEEDED_ALERT_RULES = Symbol('SEEDED_ALERT_RULES');

/**
 * The phrase-alert rules in force, compiled once. Seeded at start; `replace` swaps them all at
 * once, so a segment is matched against one set or the other, never a mix.
 */
@Injectable()
export class AlertRuleSet implements OnModuleInit {
  private readonly logger = new Logger(AlertRuleSet.name);
  private compiled: readonly CompiledRule[] = [];
  private current: readonly AlertRule[] = [];

  constructor(@Inject(SEEDED_ALERT_RULES) private readonly seeded: readonly AlertRule[]) {}

  onModuleInit(): void {
    this.replace(this.seeded);
    this.logger.log(`phrase alerts: ${this.current.length} rule(s): ${this.current.map((rule) => rule.name).join(', ') || 'none'}`);
  }

  /** The rules as given. */
  get rules(): readonly AlertRule[] {
    return this.current;
  }

  /** The rules, ready to match. */
  get matchers(): readonly CompiledRule[] {
    return this.compiled;
  }

  /** Puts `rules` in force; throws (changing nothing) when one does not compile. */
  replace(rules: readonly AlertRule[]): void {
    const compiled = rules.map(compileRule);
    this.current = [...rules];
    this.compiled = compiled;
  }
}
