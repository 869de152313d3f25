import { Module, type DynamicModule } from '@nestjs/common';
import type { AssistCard } from '@tnt/protocol';
import { AuthModule } from '@tnt/server/feature-auth';
import { AgentAssistProcessor } from './agent-assist.processor';
import { AssistCardSet, SEEDED_ASSIST_CARDS } from './assist-card-set';
import { readAssistCardsFile } from './assist-cards-file';
import { AssistCardsController } from './assist-cards.controller';

/** What `AgentAssistModule.forRoot` takes: the cards to start with, given or read from a file. */
export interface AgentAssistModuleOptions {
  readonly cards?: readonly AssistCard[];
  /** A `TNT_ASSIST_CARDS_FILE`, read when the application starts (a bad file stops the start, naming the variable and entry). */
  readonly cardsFile?: string;
}

/**
 * Agent assist as a team would add it: a Nest module whose transcript processor
 * (`@ProcessesTranscripts({ order: 210 })`) raises `assist` insights (knowledge cards for the
 * call's agent) through the pipeline's `context.raiseInsight`, matching phrases with the phrase
 * alerts' matcher; supervisors edit the cards at `/api/assist-cards`. Importing it next to
 * `TntServerModule` is all it takes.
 */
@Module({})
export class AgentAssistModule {
  static forRoot(options: AgentAssistModuleOptions): DynamicModule {
    return {
      module: AgentAssistModule,
      imports: [AuthModule],
      controllers: [AssistCardsController],
      providers: [
        {
          provide: SEEDED_ASSIST_CARDS,
          useFactory: () => [...(options.cards ?? []), ...(options.cardsFile === undefined ? [] : readAssistCardsFile(options.cardsFile))],
        },
        AssistCardSet,
        AgentAssistProcessor,
      ],
      exports: [AssistCardSet],
    };
  }
}
