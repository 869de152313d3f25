export { retryDelayMs, type RetryBackoff } from './lib/retry-backoff';
export { SYSTEM_WEBHOOK_CLOCK, type WebhookClock } from './lib/webhook-clock';
export { WebhookDeliveryWorker } from './lib/webhook-delivery-worker';
export { WebhookObserver, type WebhookEventSource } from './lib/webhook-observer';
export { alertDeliveries, callEndedDeliveries, describeEndpoint, endpointId } from './lib/webhook-payloads';
export {
  EVENT_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
  type SignatureCheck,
  verifyWebhookSignature,
} from './lib/webhook-signature';
export { WebhooksModule, type WebhooksModuleOptions } from './lib/webhooks.module';
