import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDomainModelInThread, parseDomainText, parseVocabulary } from '@tnt/server/data-access-engine-pocketsphinx';
import { TNT_CONFIG, type ConfiguredTextFile, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';
import { METRICS, ReadinessChecks, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

/** Where Debian's `pocketsphinx-en-us` puts the generic model a domain model is mixed with. */
const GENERIC_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us';

/** Which language model new calls are decoded with, and how the latest build went. */
export interface LanguageModelStatus {
  /** `generic`: no domain text; `building`; `in-use`: the domain model decodes new calls; `failed`: the build failed. */
  readonly state: 'generic' | 'building' | 'in-use' | 'failed';
  readonly domainTextFile: string | null;
  readonly vocabularyFile: string | null;
  /** Weight of the domain model in the mix (held-back perplexity, capped). */
  readonly domainWeight: number | null;
  readonly sentences: number | null;
  /** Words the generic dictionary lacked, pronounced as given or by letter-to-sound. */
  readonly addedWords: readonly string[];
  /** Why the latest build failed, naming the file and line for a bad input. */
  readonly error: string | null;
}

/**
 * Builds the domain language model named by TNT_DOMAIN_TEXT_FILE (and TNT_VOCABULARY_FILE) on a
 * thread of its own and hands it to the engine for calls that start afterwards. The files' lines
 * are checked at construction, so a bad line stops the gateway before it listens, naming the
 * line. Until the model is in use `/readyz` reports `language-model` not ready.
 */
@Injectable()
export class DomainLanguageService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DomainLanguageService.name);
  private readonly failures: CounterMetric;
  private current: LanguageModelStatus;

  constructor(
    @Inject(TRANSCRIPTION_ENGINE) private readonly engine: TranscriptionEngine,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    readiness: ReadinessChecks,
  ) {
    this.failures = metrics.counter({ name: 'tnt_language_model_build_failures_total', help: 'Domain language model builds that failed' });
    const { domainText, vocabulary } = config.domainLanguage;
    this.current = {
      state: domainText ? 'building' : 'generic',
      domainTextFile: domainText?.path ?? null,
      vocabularyFile: vocabulary?.path ?? null,
      domainWeight: null,
      sentences: null,
      addedWords: [],
      error: null,
    };
    if (!domainText) return;
    if (!engine.useLanguageModel) {
      throw new Error(`TNT_DOMAIN_TEXT_FILE needs an engine with a language model (TNT_ENGINE=pocketsphinx), not ${engine.name}`);
    }
    parseDomainText(domainText.text, domainText.path);
    if (vocabulary) parseVocabulary(vocabulary.text, vocabulary.path);
    readiness.register('language-model', () =>
      this.current.state === 'in-use'
        ? true
        : { reason: `domain language model ${this.current.state}${this.current.error ? `: ${this.current.error}` : ''}` },
    );
  }

  /** The language model's status, for the REST API and the dashboard. */
  status(): LanguageModelStatus {
    return this.current;
  }

  onApplicationBootstrap(): void {
    const { domainText, vocabulary } = this.config.domainLanguage;
    // Not awaited: the build takes a minute or more; readiness says when it is done.
    if (domainText) void this.build(domainText, vocabulary);
  }

  private async build(domainText: ConfiguredTextFile, vocabulary: ConfiguredTextFile | null): Promise<void> {
    try {
      const model = await buildDomainModelInThread({
        domainText: domainText.text,
        domainTextName: domainText.path,
        ...(vocabulary ? { vocabulary: vocabulary.text, vocabularyName: vocabulary.path } : {}),
        genericModelPath: join(GENERIC_MODEL_DIRECTORY, 'en-us.lm.bin'),
        genericDictionaryPath: join(GENERIC_MODEL_DIRECTORY, 'cmudict-en-us.dict'),
        outputDirectory: await mkdtemp(join(tmpdir(), 'tnt-language-model-')),
      });
      await this.engine.useLanguageModel?.(model);
      this.current = {
        ...this.current,
        state: 'in-use',
        domainWeight: model.weight.domainWeight,
        sentences: model.sentences,
        addedWords: model.addedWords.map((added) => added.word),
        error: null,
      };
      this.logger.log(
        `domain language model in use for new calls: ${model.sentences} sentences, domain weight ${model.weight.domainWeight}, ` +
          `${model.addedWords.length} words added to the dictionary`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.current = { ...this.current, state: 'failed', error: message };
      this.failures.inc();
      this.logger.error(
        `domain language model build failed, new calls keep the previous model: ${message}. ` +
          'Fix the domain text or vocabulary file and restart the gateway.',
      );
    }
  }
}
