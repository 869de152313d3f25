import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { BearerAuthGuard } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { DomainLanguageService, type LanguageModelStatus } from './domain-language.service';

/** The language model over HTTP: which one decodes new calls, and how its build went. */
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
}
