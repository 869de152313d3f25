import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsModule } from '@tnt/server/util-metrics';
import { CAPACITY_CLOCK, PERFORMANCE_CLOCK, SpeechCapacityMonitor } from './speech-capacity-monitor';
import { TranscriptPipeline } from './transcript-pipeline';
import { transcriptionEngineProvider } from './transcription-engine.provider';
import { TranscriptionService } from './transcription.service';

/** What the transcription module runs on. */
export interface TranscriptionModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) the calls are published to. */
  readonly sessions: DynamicModule;
}

/**
 * Speech-to-text for live calls, refusing new ones while it is at its measured capacity, with the
 * team-extensible transcript pipeline: processors marked `@ProcessesTranscripts` in any module of
 * the application are discovered, so a team module needs no import to register one.
 */
@Module({})
export class TranscriptionModule {
  /** Transcription publishing to `options.sessions`; import the returned module wherever calls are started. */
  static forRoot(options: TranscriptionModuleOptions): DynamicModule {
    return {
      module: TranscriptionModule,
      imports: [DiscoveryModule, MetricsModule, options.sessions],
      providers: [
        transcriptionEngineProvider,
        { provide: CAPACITY_CLOCK, useValue: PERFORMANCE_CLOCK },
        SpeechCapacityMonitor,
        TranscriptPipeline,
        TranscriptionService,
      ],
      exports: [TranscriptionService],
    };
  }
}
