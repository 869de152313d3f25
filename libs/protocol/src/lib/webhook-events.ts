import { CALL_END_REASON, CALL_INFO } from './call';
import { ALERT_INSIGHT, INSIGHT } from './insight';
import { array, discriminated, guard, integer, literal, object, oneOf, optional, string, type Infer } from './schema';

/** The events TnT POSTs to webhook endpoints (`TNT_WEBHOOK_URLS`). */
export const WEBHOOK_EVENT_TYPE = oneOf(['call.ended', 'alert.raised']);
/** A webhook event type, see {@link WEBHOOK_EVENT_TYPE}. */
export type WebhookEventType = Infer<typeof WEBHOOK_EVENT_TYPE>;

/**
 * A call ended: its details (with `endReason`), every alert raised in it, its latest talk-metrics
 * reading (`metrics`, the closing one when it has `final: true`) when it has one, and the link to
 * its transcript (`/api/calls/:id/transcript`, on `TNT_PUBLIC_URL` when set; a path otherwise).
 */
export const CALL_ENDED_WEBHOOK = object(
  {
    /** The idempotency key, also sent as `TnT-Idempotency-Key`: the same for every attempt. */
    id: string({ min: 1 }),
    type: literal('call.ended'),
    /** When the delivery was made (ISO 8601), the same for every attempt. */
    createdAt: string(),
    data: object(
      {
        call: CALL_INFO,
        endReason: optional(CALL_END_REASON),
        seq: integer({ min: 1 }),
        alerts: array(ALERT_INSIGHT),
        metrics: optional(INSIGHT),
        transcriptUrl: string({ min: 1 }),
      },
      'keep',
    ),
  },
  'keep',
);
/** The body of a `call.ended` delivery, see {@link CALL_ENDED_WEBHOOK}. */
export type CallEndedWebhook = Infer<typeof CALL_ENDED_WEBHOOK>;

/** An alert was raised in a call: the alert as the dashboard gets it, with the call's id and the event's `seq`. */
export const ALERT_RAISED_WEBHOOK = object(
  {
    id: string({ min: 1 }),
    type: literal('alert.raised'),
    createdAt: string(),
    data: object({ callId: string({ min: 1 }), seq: integer({ min: 1 }), alert: ALERT_INSIGHT }, 'keep'),
  },
  'keep',
);
/** The body of an `alert.raised` delivery, see {@link ALERT_RAISED_WEBHOOK}. */
export type AlertRaisedWebhook = Infer<typeof ALERT_RAISED_WEBHOOK>;

/** Any webhook body, told apart by `type`. */
export const WEBHOOK_EVENT = discriminated('type', { 'call.ended': CALL_ENDED_WEBHOOK, 'alert.raised': ALERT_RAISED_WEBHOOK });
/** A webhook body, see {@link WEBHOOK_EVENT}. */
export type WebhookEvent = Infer<typeof WEBHOOK_EVENT>;
/** True for a well-formed webhook body. */
export const isWebhookEvent = guard(WEBHOOK_EVENT);

/**
 * Which failing deliveries `GET /api/webhooks/deliveries` lists: still retrying (`failed`), or given
 * up (`dead`); `limit` (as the query string carries it, 1–500, default 100) caps how many.
 */
export const WEBHOOK_DELIVERIES_QUERY = object(
  { status: oneOf(['failed', 'dead']), limit: optional(string({ pattern: /^(?:[1-9]\d?|[1-4]\d\d|500)$/ })) },
  'reject',
);
/** The query of `GET /api/webhooks/deliveries`, see {@link WEBHOOK_DELIVERIES_QUERY}. */
export type WebhookDeliveriesQuery = Infer<typeof WEBHOOK_DELIVERIES_QUERY>;

/** One delivery as supervisors see it: the endpoint without its query, times in ISO 8601. */
export const WEBHOOK_DELIVERY_VIEW = object({
  idempotencyKey: string(),
  event: WEBHOOK_EVENT_TYPE,
  callId: string(),
  seq: integer(),
  endpoint: string(),
  status: oneOf(['pending', 'delivered', 'dead']),
  attempts: integer({ min: 0 }),
  createdAt: string(),
  nextAttemptAt: optional(string()),
  finishedAt: optional(string()),
  lastError: optional(string()),
  lastStatus: optional(integer()),
});
/** A delivery in the deliveries API, see {@link WEBHOOK_DELIVERY_VIEW}. */
export type WebhookDeliveryView = Infer<typeof WEBHOOK_DELIVERY_VIEW>;

/** The answer of `GET /api/webhooks/deliveries`, newest first. */
export const WEBHOOK_DELIVERIES_PAGE = object({ deliveries: array(WEBHOOK_DELIVERY_VIEW) });
/** See {@link WEBHOOK_DELIVERIES_PAGE}. */
export type WebhookDeliveriesPage = Infer<typeof WEBHOOK_DELIVERIES_PAGE>;
