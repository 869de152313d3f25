import { Body, Controller, Get, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ALERT_RULES_BODY, ERROR_CODES, TntError, validate, type AlertRulesBody } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { AlertRuleSet } from './alert-rule-set';

/**
 * The phrase-alert rules over HTTP, for supervisors: `GET /api/alert-rules` lists them, `PUT`
 * replaces them all at once with a body `{rules: [...]}` checked against the protocol's
 * `ALERT_RULES` (400 `VALIDATION_FAILED` naming the field, a repeated name or a regex that does not
 * compile). The rules are held by this instance, seeded from `TNT_ALERT_RULES_FILE` at each start.
 */
@Controller('api/alert-rules')
@UseGuards(BearerAuthGuard)
@RequireRoles('supervisor')
@UseFilters(HttpExceptionFilter)
export class AlertRulesController {
  constructor(private readonly rules: AlertRuleSet) {}

  @Get()
  list(): AlertRulesBody {
    return { rules: [...this.rules.rules] };
  }

  @Put()
  replace(@Body() body: unknown): AlertRulesBody {
    const result = validate(ALERT_RULES_BODY, body);
    if (!result.ok) throw invalid(result.message);
    const names = new Set<string>();
    for (const rule of result.value.rules) {
      if (names.has(rule.name)) throw invalid(`rules must not name two rules ${JSON.stringify(rule.name)}`);
      names.add(rule.name);
    }
    try {
      this.rules.replace(result.value.rules);
    } catch (error) {
      throw invalid((error as Error).message);
    }
    return { rules: [...this.rules.rules] };
  }
}

function invalid(message: string): TntError {
  return new TntError(ERROR_CODES.VALIDATION_FAILED, message);
}
