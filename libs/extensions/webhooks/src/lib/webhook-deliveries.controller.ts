import { Controller, Get, Inject, Query, UseFilters, UseGuards } from '@nestjs/common';
import {
  ERROR_CODES,
  TntError,
  validate,
  WEBHOOK_DELIVERIES_QUERY,
  type WebhookDeliveriesPage,
  type WebhookDeliveryView,
} from '@tnt/protocol';
import { BearerAuthGuard, RequireRoles } from '@tnt/server/feature-auth';
import { HttpExceptionFilter } from '@tnt/server/util-errors';
import { WEBHOOK_OUTBOX, type WebhookDelivery, type WebhookOutbox } from '@tnt/server/util-webhooks';
import { describeEndpoint } from './webhook-payloads';

/** Deliveries listed when `limit` is not given. */
const DEFAULT_LIMIT = 100;

/**
 * Failing webhook deliveries, for supervisors: `GET /api/webhooks/deliveries?status=failed` lists
 * those still being retried after a failed attempt, `?status=dead` those given up, newest first,
 * with their attempts and last error (400 `VALIDATION_FAILED` for another status).
 */
@Controller('api/webhooks/deliveries')
@UseGuards(BearerAuthGuard)
@RequireRoles('supervisor')
@UseFilters(HttpExceptionFilter)
export class WebhookDeliveriesController {
  constructor(@Inject(WEBHOOK_OUTBOX) private readonly outbox: WebhookOutbox) {}

  @Get()
  async list(@Query() query: unknown): Promise<WebhookDeliveriesPage> {
    const result = validate(WEBHOOK_DELIVERIES_QUERY, query);
    if (!result.ok) throw new TntError(ERROR_CODES.VALIDATION_FAILED, result.message);
    const deliveries = await this.outbox.listFailures(result.value.status, Number(result.value.limit ?? DEFAULT_LIMIT));
    return { deliveries: deliveries.map(viewOf) };
  }
}

function viewOf(delivery: WebhookDelivery): WebhookDeliveryView {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    idempotencyKey: delivery.idempotencyKey,
    event: delivery.event,
    callId: delivery.callId,
    seq: delivery.seq,
    endpoint: describeEndpoint(delivery.url),
    status: delivery.status,
    attempts: delivery.attempts,
    createdAt: iso(delivery.createdAt),
    ...(delivery.status === 'pending' ? { nextAttemptAt: iso(delivery.nextAttemptAt) } : {}),
    ...(delivery.finishedAt === undefined ? {} : { finishedAt: iso(delivery.finishedAt) }),
    ...(delivery.lastError === undefined ? {} : { lastError: delivery.lastError }),
    ...(delivery.lastStatus === undefined ? {} : { lastStatus: delivery.lastStatus }),
  };
}
