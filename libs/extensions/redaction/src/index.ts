export { isPiiEntity, passesLuhn, PII_ENTITIES, type PiiEntity, PLACEHOLDERS } from './lib/pii-entities';
export { CARRIED_WORDS, PiiRedactor, type PiiRedactorOptions, type Redaction } from './lib/pii-redactor';
export { RedactionModule, type RedactionModuleOptions } from './lib/redaction.module';
export { REDACTION_FAILED_TEXT, RedactionProcessor } from './lib/redaction.processor';
