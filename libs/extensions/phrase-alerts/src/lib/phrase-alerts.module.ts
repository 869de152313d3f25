import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@tnt/server/feature-auth';
import type { AlertRule } from '@tnt/protocol';
import { AlertRuleSet, SEEDED_ALERT_RULES } from './alert-rule-set';
import { readAlertRulesFile } from './alert-rules-file';
import { AlertRulesController } from './alert-rules.controller';
import { PhraseAlertProcessor } from './phrase-alert.processor';

/** What `PhraseAlertsModule.forRoot` takes: the rules to start with, given or read from a file. */
export interface PhraseAlertsModuleOptions {
  readonly rules?: readonly AlertRule[];
  /** A `TNT_ALERT_RULES_FILE`, read when the application starts (a bad file stops the start, naming the variable). */
  readonly rulesFile?: string;
}

/**
 * Phrase alerts as a team would add them: a Nest module whose transcript processor
 * (`@ProcessesTranscripts({ order: 200 })`) raises `alert` insights through the pipeline's
 * `context.raiseInsight`, and supervisors edit the rules at `/api/alert-rules`. Importing it next
 * to `TntServerModule` is all it takes.
 */
@Module({})
export class PhraseAlertsModule {
  static forRoot(options: PhraseAlertsModuleOptions): DynamicModule {
    return {
      module: PhraseAlertsModule,
      imports: [AuthModule],
      controllers: [AlertRulesController],
      providers: [
        {
          provide: SEEDED_ALERT_RULES,
          useFactory: () => [...(options.rules ?? []), ...(options.rulesFile === undefined ? [] : readAlertRulesFile(options.rulesFile))],
        },
        AlertRuleSet,
        PhraseAlertProcessor,
      ],
      exports: [AlertRuleSet],
    };
  }
}
