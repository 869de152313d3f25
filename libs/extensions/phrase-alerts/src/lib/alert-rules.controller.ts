import { Body, Controller, Get, Headers, Put, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ALERT_RULES_UPDATE, ERROR_CODES, TntError, validate, type AlertRulesState } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { SettingsVersionConflict } from '@tnt/server/util-extension-settings';
import type { Response } from 'express';
import { findRuleSetProblem } from './alert-rules-check';
import { StoredAlertRules } from './stored-alert-rules';

/** `"3"`, `W/"3"` or `3`: the version an `If-Match` names. */
const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

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
    return tagged(response, await this.rules.current());
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
    const expectedVersion = expectedVersionOf(result.value.version, ifMatch);
    try {
      return tagged(response, await this.rules.save(result.value.rules, expectedVersion));
    } catch (error) {
      if (!(error instanceof SettingsVersionConflict)) throw error;
      throw new TntError(
        ERROR_CODES.SETTINGS_VERSION_CONFLICT,
        `the alert rules were saved by someone else since version ${error.expectedVersion} (now version ${error.currentVersion}): ` +
          'read them again and redo the change',
      );
    }
  }
}

/** The version the body or `If-Match` names (they must agree), or `undefined` for an unconditional save. */
function expectedVersionOf(bodyVersion: number | undefined, ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return bodyVersion;
  const match = IF_MATCH.exec(ifMatch.trim());
  if (!match) throw invalid(`If-Match must be a version of the rules such as "3"; got ${JSON.stringify(ifMatch.slice(0, 40))}`);
  const headerVersion = Number(match[1]);
  if (bodyVersion !== undefined && bodyVersion !== headerVersion)
    throw invalid(`version must agree with If-Match (${bodyVersion} in the body, ${headerVersion} in the header)`);
  return headerVersion;
}

function tagged(response: Response, state: AlertRulesState): AlertRulesState {
  response.setHeader('ETag', `"${state.version}"`);
  return state;
}

function invalid(message: string): TntError {
  return new TntError(ERROR_CODES.VALIDATION_FAILED, message);
}
