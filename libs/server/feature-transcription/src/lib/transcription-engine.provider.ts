import type { Provider } from '@nestjs/common';
import { PocketsphinxEngine } from '@tnt/server/data-access-engine-pocketsphinx';
import { DEFAULT_PACING, ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';

/** Injection token of the running {@link TranscriptionEngine}. */
export const TRANSCRIPTION_ENGINE = Symbol('TRANSCRIPTION_ENGINE');

/** Chooses the engine named by `TNT_ENGINE`. */
export function createEngine(config: TntConfig): TranscriptionEngine {
  switch (config.engine) {
    case 'scripted':
      return new ScriptedEngine(DEFAULT_PACING, config.scriptedRealTimeFactor);
    case 'pocketsphinx':
      return new PocketsphinxEngine({
        ...(config.sttWorkers > 0 ? { workerCount: config.sttWorkers } : {}),
        shareLanguageModel: config.pocketsphinxSharedLm,
      });
  }
}

/** Provides the engine chosen by configuration. */
export const transcriptionEngineProvider: Provider = {
  provide: TRANSCRIPTION_ENGINE,
  inject: [TNT_CONFIG],
  useFactory: createEngine,
};
