import { ConfigError, readBoolean, readString, type Environment } from './env-parsers';
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
  /** TNT_SENTIMENT*: lexicon-based caller sentiment, see {@link SentimentConfig}. */
  readonly sentiment: SentimentConfig;
}

/** Reads the extensions' settings; throws a `ConfigError` naming the first bad variable. */
export function readExtensionsConfig(env: Environment): ExtensionsConfig {
  return {
    redaction: readBoolean(env, 'TNT_REDACTION', true),
    redactionEntities: readEntities(env),
    alertRulesFile: readString(env, 'TNT_ALERT_RULES_FILE', '') || undefined,
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
