import { Body, Controller, Get, Headers, Put, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ASSIST_CARDS_UPDATE, ERROR_CODES, TntError, validate, type AssistCardsState } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import {
  expectedSettingsVersion,
  SettingsVersionConflict,
  settingsConflictError,
  withSettingsETag,
} from '@tnt/server/util-extension-settings';
import type { Response } from 'express';
import { repeatedCardId } from './assist-card-set';
import { StoredAssistCards } from './stored-assist-cards';

/**
 * The agent-assist cards over HTTP, for supervisors, as the alert rules are: `GET /api/assist-cards`
 * answers `{cards, version}` (`ASSIST_CARDS_STATE`, `ETag: "<version>"`); `PUT` replaces them all at
 * once with `{cards, version?}` (`ASSIST_CARDS_UPDATE`; `If-Match: "<version>"` works too): 400
 * `VALIDATION_FAILED` whose message starts with the field at fault (`cards[1].title must be …`) or
 * names a repeated id, 409 `SETTINGS_VERSION_CONFLICT` when someone saved since `version`. Saved
 * cards are in the store, in force here at once and on every other instance within the reload interval.
 */
@Controller('api/assist-cards')
@UseGuards(BearerAuthGuard)
@RequireRoles('supervisor')
@UseFilters(HttpExceptionFilter)
export class AssistCardsController {
  constructor(private readonly cards: StoredAssistCards) {}

  @Get()
  async list(@Res({ passthrough: true }) response: Response): Promise<AssistCardsState> {
    return withSettingsETag(response, await this.cards.current());
  }

  @Put()
  async replace(
    @Body() body: unknown,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<AssistCardsState> {
    const result = validate(ASSIST_CARDS_UPDATE, body);
    if (!result.ok) throw invalid(result.message);
    const repeated = repeatedCardId(result.value.cards);
    if (repeated !== undefined) throw invalid(`cards must not hold two cards of id ${JSON.stringify(repeated)}`);
    const expectedVersion = expectedSettingsVersion(result.value.version, ifMatch, 'cards');
    try {
      return withSettingsETag(response, await this.cards.save(result.value.cards, expectedVersion));
    } catch (error) {
      if (!(error instanceof SettingsVersionConflict)) throw error;
      throw settingsConflictError(error, 'the assist cards');
    }
  }
}

function invalid(message: string): TntError {
  return new TntError(ERROR_CODES.VALIDATION_FAILED, message);
}
