export {
  type CallBehind,
  type NewWebhookDelivery,
  WEBHOOK_EVENT_NAMES,
  WEBHOOK_OUTBOX,
  type WebhookAttempt,
  type WebhookClaim,
  type WebhookDelivery,
  type WebhookDeliveryRow,
  type WebhookDeliveryStatus,
  type WebhookEventName,
  type WebhookFailureFilter,
  type WebhookOutbox,
  webhookDeliveryOf,
} from './lib/webhook-outbox';
export { MemoryWebhookOutbox } from './lib/memory-webhook-outbox';
