import { Body, Controller, Get, HttpCode, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ERROR_CODES, LANGUAGE_MODEL_UPDATE, TntError, validate, type LanguageModelStatus } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { DomainLanguageService, type LanguageTexts } from './domain-language.service';
import { StoredLanguageTexts } from './stored-language-texts';

/**
 * The language model over HTTP: which one decodes new calls, and how its build went. `GET
 * /api/language` (any signed-in user) answers this instance's {@link LanguageModelStatus} for the
 * newest stored texts; `PUT` (supervisors) takes `{domainText, vocabulary}` (`LANGUAGE_MODEL_UPDATE`),
 * refuses a bad line with 400 `VALIDATION_FAILED` naming it (the model in use stays), stores the
 * texts (so every instance of a cluster builds them) and answers 202 with the status `building`:
 * the new model decodes calls that start once `GET` says `in-use`.
 */
@Controller('api/language')
@UseGuards(BearerAuthGuard)
@UseFilters(HttpExceptionFilter)
export class LanguageController {
  constructor(
    private readonly language: DomainLanguageService,
    private readonly stored: StoredLanguageTexts,
  ) {}

  /** `GET /api/language`: the {@link LanguageModelStatus} of this instance. */
  @Get()
  status(): Promise<LanguageModelStatus> {
    return this.stored.latestStatus();
  }

  /** `PUT /api/language`: a new domain text and vocabulary, stored, then built off the event loop. */
  @Put()
  @HttpCode(202)
  @RequireRoles('supervisor')
  replace(@Body() body: unknown): Promise<LanguageModelStatus> {
    const result = validate(LANGUAGE_MODEL_UPDATE, body);
    if (!result.ok) throw new TntError(ERROR_CODES.VALIDATION_FAILED, result.message);
    let texts: LanguageTexts;
    try {
      texts = this.language.checked(result.value.domainText, result.value.vocabulary);
    } catch (error) {
      // A bad line (`api vocabulary line 2: unknown phones X`) or an engine without a language model.
      throw new TntError(ERROR_CODES.VALIDATION_FAILED, (error as Error).message);
    }
    return this.stored.save(texts);
  }
}
