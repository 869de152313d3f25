import { Body, Controller, Get, Headers, Put, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ALERT_RULES_UPDATE, ERROR_CODES, TntError, validate, type AlertRulesState } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import {
  expectedSettingsVersion,
  SettingsVersionConflict,
  settingsConflictError,
  withSettingsETag,
} from '@tnt/server/util-extension-settings';
import type { Response } from 'express';
import { findRuleSetProblem } from './alert-rules-check';
import { StoredAlertRules } from './stored-alert-rules';

/**
 * The phrase-alert rules over HTTP, for supervisors. `GET /api/alert-rules` answers
 * `{rules, version}` (`ALERT_RULES_STATE`, `ETag: "<version>"`); `PUT` replaces them all at once
 * with `{rules, version?}` (`ALERT_RULES_UPDATE`; `If-Match: "<version>"` works too): 400
 * `VALIDATION_FAILED` naming the field (`rules[2].regex must compile …`), 409
 * `SETTINGS_VERSION_CONFLICT` when someone saved since `version`. Saved rules are in the store, in
 * force here at once and on every other instance within the reload interval.
 */
@Controller('api/alert-rules')
@UseGuards(BearerAuthGuard)
@RequireRoles('supervisor')
@UseFilters(HttpExceptionFilter)
export class AlertRulesController {
  constructor(private readonly rules: StoredAlertRules) {}

  @Get()
  async list(@Res({ passthrough: true }) response: Response): Promise<AlertRulesState> {
    return withSettingsETag(response, await this.rules.current());
  }

  @Put()
  async replace(
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AlertRulesState> {
    const result = validate(ALERT_RULES_UPDATE, body);
    if (!result.ok) throw invalid(result.message);
    const problem = findRuleSetProblem(result.value.rules);
    if (problem !== undefined) throw invalid(problem);
    const expectedVersion = expectedSettingsVersion(result.value.version, ifMatch, 'rules');
    try {
      return withSettingsETag(response, await this.rules.save(result.value.rules, expectedVersion));
    } catch (error) {
      if (!(error instanceof SettingsVersionConflict)) throw error;
      throw settingsConflictError(error, 'the alert rules');
    }
  }
}

function invalid(message: string): TntError {
  return new TntError(ERROR_CODES.VALIDATION_FAILED, message);
}
