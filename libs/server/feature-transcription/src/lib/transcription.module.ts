import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { MetricsModule } from '@tnt/server/util-metrics';
import { CAPACITY_CLOCK, PERFORMANCE_CLOCK, SpeechCapacityMonitor } from './speech-capacity-monitor';
import { DomainLanguageService } from './domain-language.service';
import { LanguageController } from './language.controller';
import { TranscriptPipeline } from './transcript-pipeline';
import { transcriptionEngineProvider } from './transcription-engine.provider';
import { TranscriptionService } from './transcription.service';

/** What the transcription module runs on. */
export interface TranscriptionModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) the calls are published to. */
  readonly sessions: DynamicModule;
  /** The auth module whose guard checks bearer tokens on `GET /api/language`; without it that route is not served. */
  readonly auth?: Type | DynamicModule;
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
      imports: [DiscoveryModule, MetricsModule, options.sessions, ...(options.auth ? [options.auth] : [])],
      controllers: options.auth ? [LanguageController] : [],
      providers: [
        transcriptionEngineProvider,
        { provide: CAPACITY_CLOCK, useValue: PERFORMANCE_CLOCK },
        SpeechCapacityMonitor,
        TranscriptPipeline,
        TranscriptionService,
        DomainLanguageService,
      ],
      exports: [TranscriptionService, DomainLanguageService],
    };
  }
}
