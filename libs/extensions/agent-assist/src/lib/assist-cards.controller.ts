import { Body, Controller, Get, Put, UseFilters, UseGuards } from '@nestjs/common';
import { ASSIST_CARDS_BODY, ERROR_CODES, TntError, validate, type AssistCardsBody } from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { AssistCardSet } from './assist-card-set';

/**
 * The agent-assist cards over HTTP, for supervisors: `GET /api/assist-cards` lists them, `PUT`
 * replaces them all at once with a body `{cards: [...]}` checked against the protocol's
 * `ASSIST_CARDS_BODY` (400 `VALIDATION_FAILED` whose message starts with the field at fault,
 * `cards[1].title must be …`, or names a repeated id). The cards are held by this instance, seeded
 * from `TNT_ASSIST_CARDS_FILE` at each start.
 */
@Controller('api/assist-cards')
@UseGuards(BearerAuthGuard)
@RequireRoles('supervisor')
@UseFilters(HttpExceptionFilter)
export class AssistCardsController {
  constructor(private readonly cards: AssistCardSet) {}

  @Get()
  list(): AssistCardsBody {
    return { cards: [...this.cards.cards] };
  }

  @Put()
  replace(@Body() body: unknown): AssistCardsBody {
    const result = validate(ASSIST_CARDS_BODY, body);
    if (!result.ok) throw new TntError(ERROR_CODES.VALIDATION_FAILED, result.message);
    try {
      this.cards.replace(result.value.cards);
    } catch (error) {
      throw new TntError(ERROR_CODES.VALIDATION_FAILED, (error as Error).message);
    }
    return { cards: [...this.cards.cards] };
  }
}
