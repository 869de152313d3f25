import { Body, Controller, Get, HttpCode, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ERROR_CODES, LANGUAGE_MODEL_UPDATE, TntError, validate, type LanguageModelStatus } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { DomainLanguageService } from './domain-language.service';

/**
 * The language model over HTTP: which one decodes new calls, and how its build went. `GET
 * /api/language` (any signed-in user) answers the {@link LanguageModelStatus}; `PUT` (supervisors)
 * takes `{domainText, vocabulary}` (`LANGUAGE_MODEL_UPDATE`), refuses a bad line with 400
 * `VALIDATION_FAILED` naming it (the model in use stays), and answers 202 with the status
 * `building`: the new model decodes calls that start once `GET` says `in-use`.
 */
@Controller('api/language')
@UseGuards(BearerAuthGuard)
@UseFilters(HttpExceptionFilter)
export class LanguageController {
  constructor(private readonly language: DomainLanguageService) {}

  /** `GET /api/language`: the {@link LanguageModelStatus}. */
  @Get()
  status(): LanguageModelStatus {
    return this.language.status();
  }

  /** `PUT /api/language`: a new domain text and vocabulary, built off the event loop. */
  @Put()
  @HttpCode(202)
  @RequireRoles('supervisor')
  replace(@Body() body: unknown): LanguageModelStatus {
    const result = validate(LANGUAGE_MODEL_UPDATE, body);
    if (!result.ok) throw new TntError(ERROR_CODES.VALIDATION_FAILED, result.message);
    try {
      return this.language.replace(result.value.domainText, result.value.vocabulary);
    } catch (error) {
      // A bad line (`api vocabulary line 2: unknown phones X`) or an engine without a language model.
      throw new TntError(ERROR_CODES.VALIDATION_FAILED, (error as Error).message);
    }
  }
}
