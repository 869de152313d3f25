export { ConfigError, type Environment } from './lib/env-parsers';
export { readJsonFile } from './lib/json-file';
export {
  type AudioHookCredential,
  BUS_KINDS,
  DEMO_ENDPOINTS,
  type DemoEndpoint,
  type BusKind,
  ENGINE_NAMES,
  type EngineName,
  isCluster,
  loadConfig,
  LOG_LEVELS,
  STORE_KINDS,
  type StoreKind,
  type TntConfig,
} from './lib/tnt-config';
export { ConfigModule, TNT_CONFIG } from './lib/config.module';
export { type SpeechCapacityConfig } from './lib/speech-capacity-config';
export { type ExtensionsConfig, REDACTION_ENTITY_NAMES, type RedactionEntityName } from './lib/extensions-config';
export { type SentimentConfig } from './lib/sentiment-config';
export { type TranscriptFormatConfig } from './lib/transcript-format-config';
export { type TalkMetricsConfig } from './lib/talk-metrics-config';
export { WEBHOOK_EVENTS, type WebhookEndpoint, type WebhookEventFilter, type WebhooksConfig } from './lib/webhooks-config';
export { type ConfiguredTextFile, type DomainLanguageConfig } from './lib/domain-language-config';
export { type DeepgramConfig } from './lib/deepgram-config';
