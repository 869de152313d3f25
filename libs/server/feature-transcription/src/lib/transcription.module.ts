import {
  Module,
  type ClassProvider,
  type DynamicModule,
  type FactoryProvider,
  type ModuleMetadata,
  type Type,
  type ValueProvider,
} from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { AdapterProvider } from '@tnt/server/feature-sessions';
import {
  EXTENSION_SETTINGS,
  INTERVAL_RELOAD_TIMER,
  MemoryExtensionSettingsStore,
  type ExtensionSettingsStore,
} from '@tnt/server/util-extension-settings';
import { MetricsModule } from '@tnt/server/util-metrics';
import { CAPACITY_CLOCK, PERFORMANCE_CLOCK, SpeechCapacityMonitor } from './speech-capacity-monitor';
import { DomainLanguageService } from './domain-language.service';
import { LanguageController } from './language.controller';
import { buildMixedWithGenericModel, LANGUAGE_MODEL_BUILDER } from './language-model-builder';
import { LANGUAGE_TEXTS_RELOAD_INTERVAL_MS, LANGUAGE_TEXTS_RELOAD_TIMER, StoredLanguageTexts } from './stored-language-texts';
import { TranscriptPipeline } from './transcript-pipeline';
import { transcriptionEngineProvider } from './transcription-engine.provider';
import { TranscriptionService } from './transcription.service';

/** How often an instance reads the stored language texts' version by default: a new version starts building everywhere within this. */
export const DEFAULT_LANGUAGE_TEXTS_RELOAD_INTERVAL_MS = 2_000;

/** What the transcription module runs on. */
export interface TranscriptionModuleOptions {
  /** The configured sessions module (`SessionsModule.forRoot(…)`) the calls are published to. */
  readonly sessions: DynamicModule;
  /** The auth module whose guard checks bearer tokens on `GET /api/language`; without it that route is not served. */
  readonly auth?: Type | DynamicModule;
  /** Modules whose exports the `settings` factory injects (the storage module). */
  readonly imports?: ModuleMetadata['imports'];
  /**
   * Where the domain text and vocabulary are kept (`TNT_STORE`'s settings, shared by every instance
   * of a cluster); absent: in this process's memory only.
   */
  readonly settings?: AdapterProvider<ExtensionSettingsStore>;
  /** Milliseconds between two reads of the stored texts' version (default {@link DEFAULT_LANGUAGE_TEXTS_RELOAD_INTERVAL_MS}). */
  readonly languageReloadIntervalMs?: number;
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
    const settings = options.settings ?? { useFactory: () => new MemoryExtensionSettingsStore() };
    return {
      module: TranscriptionModule,
      imports: [DiscoveryModule, MetricsModule, options.sessions, ...(options.imports ?? []), ...(options.auth ? [options.auth] : [])],
      controllers: options.auth ? [LanguageController] : [],
      providers: [
        transcriptionEngineProvider,
        { provide: CAPACITY_CLOCK, useValue: PERFORMANCE_CLOCK },
        { provide: EXTENSION_SETTINGS, ...settings } as ValueProvider | ClassProvider | FactoryProvider,
        { provide: LANGUAGE_MODEL_BUILDER, useValue: buildMixedWithGenericModel },
        { provide: LANGUAGE_TEXTS_RELOAD_TIMER, useValue: INTERVAL_RELOAD_TIMER },
        {
          provide: LANGUAGE_TEXTS_RELOAD_INTERVAL_MS,
          useValue: options.languageReloadIntervalMs ?? DEFAULT_LANGUAGE_TEXTS_RELOAD_INTERVAL_MS,
        },
        SpeechCapacityMonitor,
        TranscriptPipeline,
        TranscriptionService,
        DomainLanguageService,
        StoredLanguageTexts,
      ],
      exports: [TranscriptionService, DomainLanguageService, StoredLanguageTexts],
    };
  }
}
