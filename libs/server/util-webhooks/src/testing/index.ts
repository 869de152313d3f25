export { describeWebhookOutboxContract, type WebhookOutboxUnderTest } from './webhook-outbox-contract';
