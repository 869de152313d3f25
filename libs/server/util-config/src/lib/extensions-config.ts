import { ConfigError, readBoolean, readString, type Environment } from './env-parsers';
import { readTalkMetricsConfig, type TalkMetricsConfig } from './talk-metrics-config';
import { readWebhooksConfig, type WebhooksConfig } from './webhooks-config';
import { readSentimentConfig, type SentimentConfig } from './sentiment-config';

/** The kinds of personal data the redaction extension can replace (`TNT_REDACTION_ENTITIES`). */
export const REDACTION_ENTITY_NAMES = ['card', 'phone', 'ssn', 'dob', 'email', 'number'] as const;

/** A kind of personal data, see {@link REDACTION_ENTITY_NAMES}. */
export type RedactionEntityName = (typeof REDACTION_ENTITY_NAMES)[number];

/** The bundled extension modules (libs/extensions) and what each is told. */
export interface ExtensionsConfig {
  /** TNT_REDACTION: PII redaction of every segment before it is stored, logged or sent (on by default). */
  readonly redaction: boolean;
  /** TNT_REDACTION_ENTITIES: the kinds it replaces, comma-separated (default: all). */
  readonly redactionEntities: readonly RedactionEntityName[];
  /** TNT_ALERT_RULES_FILE: JSON file of phrase-alert rules seeded into the store at start; unset: none seeded. */
  readonly alertRulesFile: string | undefined;
  /** TNT_TALK_METRICS, TNT_TALK_METRICS_INTERVAL_SECONDS, TNT_SILENCE_ALERT_SECONDS: see {@link TalkMetricsConfig}. */
  readonly talkMetrics: TalkMetricsConfig;
  /** TNT_ASSIST_CARDS_FILE: JSON file of agent-assist cards seeding an empty store at start; unset: no seeding. */
  readonly assistCardsFile: string | undefined;
  /** TNT_WEBHOOK_*: signed HTTP POSTs of `call.ended` and `alert.raised` (off while TNT_WEBHOOK_URLS is unset). */
  readonly webhooks: WebhooksConfig;
  /** TNT_SENTIMENT*: lexicon-based caller sentiment, see {@link SentimentConfig}. */
  readonly sentiment: SentimentConfig;
}

/** Reads the extensions' settings; throws a `ConfigError` naming the first bad variable. */
export function readExtensionsConfig(env: Environment): ExtensionsConfig {
  return {
    redaction: readBoolean(env, 'TNT_REDACTION', true),
    redactionEntities: readEntities(env),
    alertRulesFile: readString(env, 'TNT_ALERT_RULES_FILE', '') || undefined,
    talkMetrics: readTalkMetricsConfig(env),
    assistCardsFile: readString(env, 'TNT_ASSIST_CARDS_FILE', '') || undefined,
    webhooks: readWebhooksConfig(env),
    sentiment: readSentimentConfig(env),
  };
}

function readEntities(env: Environment): RedactionEntityName[] {
  const name = 'TNT_REDACTION_ENTITIES';
  const value = env[name]?.trim();
  if (value === undefined || value === '') return [...REDACTION_ENTITY_NAMES];
  const entities = value.split(',').map((entity) => entity.trim().toLowerCase());
  const known: readonly string[] = REDACTION_ENTITY_NAMES;
  if (entities.some((entity) => !known.includes(entity))) {
    throw new ConfigError(name, `must be a comma-separated list of ${REDACTION_ENTITY_NAMES.join(', ')}`, value);
  }
  return [...new Set(entities as RedactionEntityName[])];
}
