import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { PII_ENTITIES, type PiiEntity } from './pii-entities';
import { REDACTION_OPTIONS, type RedactionOptions } from './redaction-options';
import { RedactionProcessor } from './redaction.processor';

/** What `RedactionModule.forRoot` takes; everything has a default. */
export interface RedactionModuleOptions {
  /** The kinds of personal data to replace (default: all of {@link PII_ENTITIES}). */
  readonly entities?: readonly PiiEntity[];
  /** Default: the year twelve years before the year the module is made. */
  readonly latestBirthYear?: number;
  /** Default 10 s of audio. */
  readonly carryWindowMs?: number;
  /** Default 10,000 calls. */
  readonly carriedCalls?: number;
}

/**
 * PII redaction as a team would add it: a Nest module whose one provider is a transcript processor
 * (`@ProcessesTranscripts({ order: 20 })`). Importing it next to `TntServerModule` is all it takes;
 * the pipeline discovers the processor.
 */
@Module({})
export class RedactionModule {
  static forRoot(options: RedactionModuleOptions = {}): DynamicModule {
    const resolved: RedactionOptions = {
      entities: options.entities ?? PII_ENTITIES,
      latestBirthYear: options.latestBirthYear ?? new Date().getUTCFullYear() - 12,
      carryWindowMs: options.carryWindowMs ?? 10_000,
      carriedCalls: options.carriedCalls ?? 10_000,
    };
    return {
      module: RedactionModule,
      imports: [MetricsModule],
      providers: [{ provide: REDACTION_OPTIONS, useValue: resolved }, RedactionProcessor],
    };
  }
}
