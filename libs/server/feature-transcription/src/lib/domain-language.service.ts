import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDomainModelInThread, parseDomainText, parseVocabulary } from '@tnt/server/data-access-engine-pocketsphinx';
import { API_DOMAIN_TEXT_NAME, API_VOCABULARY_NAME, type LanguageModelStatus } from '@tnt/protocol';
import { TNT_CONFIG, type ConfiguredTextFile, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';
import { METRICS, ReadinessChecks, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

export type { LanguageModelStatus };

/** The names a domain text and vocabulary saved through `PUT /api/language` go by (the dashboard reads the line a refusal names). */
const API_DOMAIN_TEXT = API_DOMAIN_TEXT_NAME;
const API_VOCABULARY = API_VOCABULARY_NAME;

/** Where Debian's `pocketsphinx-en-us` puts the generic model a domain model is mixed with. */
const GENERIC_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us';

/**
 * Builds the domain language model named by TNT_DOMAIN_TEXT_FILE (and TNT_VOCABULARY_FILE) on a
 * thread of its own and hands it to the engine for calls that start afterwards. The files' lines
 * are checked at construction, so a bad line stops the gateway before it listens, naming the
 * line. Until the model is in use `/readyz` reports `language-model` not ready.
 *
 * Supervisors replace the text and vocabulary with {@link replace} (`PUT /api/language`): checked
 * at once (a bad line is refused, nothing changes), then built on a thread like the first one. The
 * model in use stays until the new one is ready, and stays after a failed build; of builds started
 * one after the other only the latest is put in use.
 */
@Injectable()
export class DomainLanguageService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DomainLanguageService.name);
  private readonly failures: CounterMetric;
  private current: LanguageModelStatus;
  /** Counts builds started: a build finishing after a later one was started is dropped. */
  private generation = 0;
  /** Whether a domain model has been put in use by this instance (it keeps decoding until the next one is ready). */
  private domainModelInUse = false;

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
      domainText: domainText?.text ?? '',
      vocabulary: vocabulary?.text ?? '',
      previousModelInUse: false,
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
      this.domainModelInUse
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

  /**
   * Checks `domainText` and `vocabulary` (a bad line throws `api domain text line <n>: <why>`, and
   * nothing changes), then starts building them on a thread of their own; the answer says
   * `building`, {@link status} says when the model is in use or why its build failed. Throws when
   * the engine's model cannot change.
   */
  replace(domainText: string, vocabulary: string): LanguageModelStatus {
    if (!this.engine.useLanguageModel) {
      throw new Error(`the ${this.engine.name} engine has no language model to replace (TNT_ENGINE=pocketsphinx has one)`);
    }
    parseDomainText(domainText, API_DOMAIN_TEXT);
    parseVocabulary(vocabulary, API_VOCABULARY);
    const hasVocabulary = vocabulary.trim() !== '';
    this.current = {
      ...this.current,
      state: 'building',
      domainTextFile: API_DOMAIN_TEXT,
      vocabularyFile: hasVocabulary ? API_VOCABULARY : null,
      domainText,
      vocabulary,
      previousModelInUse: this.domainModelInUse,
      error: null,
    };
    this.logger.log(`a new domain language model is being built (${domainText.split('\n').length} lines of domain text)`);
    // Not awaited: the build takes a minute or more; the status says when it is done.
    void this.build({ path: API_DOMAIN_TEXT, text: domainText }, hasVocabulary ? { path: API_VOCABULARY, text: vocabulary } : null);
    return this.current;
  }

  private async build(domainText: ConfiguredTextFile, vocabulary: ConfiguredTextFile | null): Promise<void> {
    const generation = ++this.generation;
    try {
      const model = await buildDomainModelInThread({
        domainText: domainText.text,
        domainTextName: domainText.path,
        ...(vocabulary ? { vocabulary: vocabulary.text, vocabularyName: vocabulary.path } : {}),
        genericModelPath: join(GENERIC_MODEL_DIRECTORY, 'en-us.lm.bin'),
        genericDictionaryPath: join(GENERIC_MODEL_DIRECTORY, 'cmudict-en-us.dict'),
        outputDirectory: await mkdtemp(join(tmpdir(), 'tnt-language-model-')),
      });
      if (generation !== this.generation) return;
      await this.engine.useLanguageModel?.(model);
      this.domainModelInUse = true;
      this.current = {
        ...this.current,
        state: 'in-use',
        domainWeight: model.weight.domainWeight,
        sentences: model.sentences,
        addedWords: model.addedWords.map((added) => added.word),
        previousModelInUse: false,
        error: null,
      };
      this.logger.log(
        `domain language model in use for new calls: ${model.sentences} sentences, domain weight ${model.weight.domainWeight}, ` +
          `${model.addedWords.length} words added to the dictionary`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (generation !== this.generation) return;
      this.current = { ...this.current, state: 'failed', error: message };
      this.failures.inc();
      this.logger.error(
        `domain language model build failed, new calls keep the previous model: ${message}. ` +
          "Fix the domain text or vocabulary and save it again (PUT /api/language, the dashboard's Language page).",
      );
    }
  }
}
