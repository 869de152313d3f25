import { Logger, type Provider } from '@nestjs/common';
import { DeepgramEngine, MAX_KEYTERMS } from '@tnt/server/data-access-engine-deepgram';
import { parseVocabulary, PocketsphinxEngine } from '@tnt/server/data-access-engine-pocketsphinx';
import { DEFAULT_PACING, ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { TNT_CONFIG, type ConfiguredTextFile, type DeepgramConfig, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';

/** Injection token of the running {@link TranscriptionEngine}. */
export const TRANSCRIPTION_ENGINE = Symbol('TRANSCRIPTION_ENGINE');

/**
 * The vocabulary file's words and phrases as Deepgram keyterms, read with the same parser (and the same
 * line-numbered errors) as the pocketsphinx domain model; pronunciations do not apply and are left out.
 * More entries than Deepgram takes is an error at start rather than a silent cut.
 */
export function keytermsOf(vocabulary: ConfiguredTextFile | null): string[] {
  if (!vocabulary) return [];
  const phrases = [...new Set(parseVocabulary(vocabulary.text, vocabulary.path).map((entry) => entry.words.join(' ')))];
  if (phrases.length > MAX_KEYTERMS) {
    throw new Error(`${vocabulary.path}: ${phrases.length} words and phrases, Deepgram takes at most ${MAX_KEYTERMS} keyterms`);
  }
  return phrases;
}

function createDeepgramEngine(deepgram: DeepgramConfig, config: TntConfig): DeepgramEngine {
  const logger = new Logger('DeepgramEngine');
  return new DeepgramEngine({
    apiKey: deepgram.apiKey,
    url: deepgram.url,
    model: deepgram.model,
    keyterms: keytermsOf(config.domainLanguage.vocabulary),
    // Each failure is logged with its call by LiveCall and counted in tnt_engine_stream_failures_total;
    // what to do is logged once per kind, since a bad key fails every stream the same way.
    onFault: (error, first) => {
      if (first) logger.error(`${error.code}: ${error.message}. What to do: ${error.remedy}`);
    },
  });
}

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
    case 'deepgram':
      if (!config.deepgram) throw new Error('TNT_ENGINE=deepgram without its settings: load the configuration with loadConfig');
      return createDeepgramEngine(config.deepgram, config);
  }
}

/** Provides the engine chosen by configuration. */
export const transcriptionEngineProvider: Provider = {
  provide: TRANSCRIPTION_ENGINE,
  inject: [TNT_CONFIG],
  useFactory: createEngine,
};
