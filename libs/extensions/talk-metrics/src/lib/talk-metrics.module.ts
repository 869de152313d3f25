import { Module, type DynamicModule } from '@nestjs/common';
import { MetricsModule } from '@tnt/server/util-metrics';
import { REAL_TALK_CLOCK, type TalkClock } from './talk-clock';
import { TALK_METRICS_OPTIONS, type TalkMetricsOptions } from './talk-metrics-options';
import { TalkMetricsProcessor } from './talk-metrics.processor';

/** What `TalkMetricsModule.forRoot` takes; everything has a default. */
export interface TalkMetricsModuleOptions {
  /** Default 5 s. */
  readonly intervalMs?: number;
  /** Default 10 s; 0: no silence alert. */
  readonly silenceAlertMs?: number;
  /** Default 10,000 calls. */
  readonly maxCalls?: number;
  /** Default: the real time and timers. */
  readonly clock?: TalkClock;
}

/**
 * Talk metrics as a team would add them: a Nest module whose one provider is a transcript processor
 * (`@ProcessesTranscripts({ order: 300 })`) that hears the call start and end through the pipeline's
 * call hooks and raises `metrics` readings and `long-silence` alerts. Importing it next to
 * `TntServerModule` is all it takes.
 */
@Module({})
export class TalkMetricsModule {
  static forRoot(options: TalkMetricsModuleOptions = {}): DynamicModule {
    const resolved: TalkMetricsOptions = {
      intervalMs: options.intervalMs ?? 5000,
      silenceAlertMs: options.silenceAlertMs ?? 10_000,
      maxCalls: options.maxCalls ?? 10_000,
      clock: options.clock ?? REAL_TALK_CLOCK,
    };
    return {
      module: TalkMetricsModule,
      imports: [MetricsModule],
      providers: [{ provide: TALK_METRICS_OPTIONS, useValue: resolved }, TalkMetricsProcessor],
    };
  }
}
