import {
  isAlertInsight,
  type AlertInsight,
  type AlertRaisedWebhook,
  type CallEndedWebhook,
  type CallMessage,
  type Insight,
  type InsightMessage,
} from '@tnt/protocol';
import type { WebhookEndpoint } from '@tnt/server/util-config';
import type { NewWebhookDelivery, WebhookEventName } from '@tnt/server/util-webhooks';
import { createHash } from 'node:crypto';

/** What a `call.ended` body is made of besides the event: the call's insights and where its transcript is. */
export interface CallEndedContext {
  readonly insights: readonly Insight[];
  /** `TNT_PUBLIC_URL` (http(s) form), or undefined: the link is then a path. */
  readonly publicBaseUrl: string | undefined;
}

/**
 * A short, stable id of an endpoint for idempotency keys: the key names the endpoint without
 * carrying its URL (whose query may hold a receiver's token) into headers and logs.
 */
export function endpointId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 12);
}

/** The endpoint's URL without its query, for logs and the deliveries API (a query may hold a token). */
export function describeEndpoint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}${parsed.search === '' ? '' : '?…'}`;
}

/** The deliveries of an `alert` insight event to the endpoints that take `alert.raised`. */
export function alertDeliveries(event: InsightMessage, endpoints: readonly WebhookEndpoint[], now: number): NewWebhookDelivery[] {
  if (!isAlertInsight(event.insight)) return [];
  const alert: AlertInsight = event.insight;
  return deliveries('alert.raised', event.callId, event.seq, endpoints, now, (id, createdAt) => {
    const body: AlertRaisedWebhook = { id, type: 'alert.raised', createdAt, data: { callId: event.callId, seq: event.seq, alert } };
    return body;
  });
}

/** The deliveries of a call's `ended` event to the endpoints that take `call.ended`. */
export function callEndedDeliveries(
  event: CallMessage,
  context: CallEndedContext,
  endpoints: readonly WebhookEndpoint[],
  now: number,
): NewWebhookDelivery[] {
  const call = event.call;
  const alerts = context.insights.filter(isAlertInsight);
  const metrics = [...context.insights].reverse().find((insight) => insight.kind === 'metrics');
  const path = `/api/calls/${encodeURIComponent(call.id)}/transcript`;
  const transcriptUrl = context.publicBaseUrl === undefined ? path : new URL(path, context.publicBaseUrl).toString();
  return deliveries('call.ended', call.id, event.seq, endpoints, now, (id, createdAt) => {
    const body: CallEndedWebhook = {
      id,
      type: 'call.ended',
      createdAt,
      data: {
        call,
        ...(call.endReason ? { endReason: call.endReason } : {}),
        seq: event.seq,
        alerts,
        ...(metrics ? { metrics } : {}),
        transcriptUrl,
      },
    };
    return body;
  });
}

function deliveries(
  event: WebhookEventName,
  callId: string,
  seq: number,
  endpoints: readonly WebhookEndpoint[],
  now: number,
  body: (id: string, createdAt: string) => object,
): NewWebhookDelivery[] {
  return endpoints
    .filter((endpoint) => endpoint.events.includes(event))
    .map((endpoint) => {
      const idempotencyKey = `${callId}:${seq}:${endpointId(endpoint.url)}`;
      return {
        idempotencyKey,
        callId,
        seq,
        event,
        url: endpoint.url,
        payload: JSON.stringify(body(idempotencyKey, new Date(now).toISOString())),
        createdAt: now,
      };
    });
}
