import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { parseDomainText, parseVocabulary } from '@tnt/server/data-access-engine-pocketsphinx';
import { API_DOMAIN_TEXT_NAME, API_VOCABULARY_NAME, type LanguageModelStatus } from '@tnt/protocol';
import { TNT_CONFIG, type TntConfig } from '@tnt/server/util-config';
import type { TranscriptionEngine } from '@tnt/server/util-engine';
import type { SettingInForce } from '@tnt/server/util-extension-settings';
import { METRICS, ReadinessChecks, type CounterMetric, type MetricsRegistry } from '@tnt/server/util-metrics';
import { LANGUAGE_MODEL_BUILDER, type LanguageModelBuilder } from './language-model-builder';
import { TRANSCRIPTION_ENGINE } from './transcription-engine.provider';

export type { LanguageModelStatus };

/**
 * The texts a domain language model is built from, as the settings store keeps them
 * (`language.texts`): each with the name its line errors and the status give (a start file's path,
 * or `api domain text` / `api vocabulary` after `PUT /api/language`). No vocabulary: `''` and `null`.
 */
export interface LanguageTexts {
  readonly domainText: string;
  readonly domainTextFile: string;
  readonly vocabulary: string;
  readonly vocabularyFile: string | null;
}

/**
 * Builds the domain language model of the {@link LanguageTexts} in force on a thread of its own and
 * hands it to the engine for calls that start afterwards. TNT_DOMAIN_TEXT_FILE (and
 * TNT_VOCABULARY_FILE) are checked at construction, so a bad line stops the gateway before it
 * listens, naming the line; they seed the store (`StoredLanguageTexts`), whose texts are the ones
 * built. While the model of the texts in force at start is not in use `/readyz` reports
 * `language-model` not ready.
 *
 * Texts are put in force with {@link apply}: the version the store gave them (a `PUT /api/language`
 * on this instance or on any other of a cluster) is built here like the first one. The model in use
 * stays until the new one is ready, and stays after a failed build; of builds started one after the
 * other only the latest is put in use.
 */
@Injectable()
export class DomainLanguageService implements SettingInForce<LanguageTexts>, OnApplicationBootstrap {
  private readonly logger = new Logger(DomainLanguageService.name);
  private readonly failures: CounterMetric;
  private current: LanguageModelStatus;
  /** Counts builds started: a build finishing after a later one was started is dropped. */
  private generation = 0;
  /** Whether a domain model has been put in use by this instance (it keeps decoding until the next one is ready). */
  private domainModelInUse = false;
  /** The store version of the texts built or being built here (0: none). */
  private textsVersion = 0;
  /** Whether `/readyz` waits for a domain model: texts were in force at start (the start files', or the store's). */
  private awaitsStartModel: boolean;
  private bootstrapped = false;

  constructor(
    @Inject(TRANSCRIPTION_ENGINE) private readonly engine: TranscriptionEngine,
    @Inject(TNT_CONFIG) private readonly config: TntConfig,
    @Inject(METRICS) metrics: MetricsRegistry,
    readiness: ReadinessChecks,
    @Inject(LANGUAGE_MODEL_BUILDER) private readonly builder: LanguageModelBuilder,
  ) {
    this.failures = metrics.counter({ name: 'tnt_language_model_build_failures_total', help: 'Domain language model builds that failed' });
    const { domainText, vocabulary } = config.domainLanguage;
    this.awaitsStartModel = domainText !== null;
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
    if (domainText) {
      if (!engine.useLanguageModel) {
        throw new Error(`TNT_DOMAIN_TEXT_FILE needs an engine with a language model (TNT_ENGINE=pocketsphinx), not ${engine.name}`);
      }
      parseDomainText(domainText.text, domainText.path);
      if (vocabulary) parseVocabulary(vocabulary.text, vocabulary.path);
    }
    if (!engine.useLanguageModel) return;
    readiness.register('language-model', () =>
      !this.awaitsStartModel || this.domainModelInUse
        ? true
        : { reason: `domain language model ${this.current.state}${this.current.error ? `: ${this.current.error}` : ''}` },
    );
  }

  /** Whether the engine's language model can change (pocketsphinx): without it there are no texts to keep or build. */
  get buildsModels(): boolean {
    return this.engine.useLanguageModel !== undefined;
  }

  /** The store version of the texts built or being built here (0: none). */
  get version(): number {
    return this.textsVersion;
  }

  /** The language model's status, for the REST API and the dashboard. */
  status(): LanguageModelStatus {
    return this.current;
  }

  /** The texts of TNT_DOMAIN_TEXT_FILE and TNT_VOCABULARY_FILE (checked at construction), to seed an empty store; `null`: none. */
  configuredTexts(): LanguageTexts | null {
    const { domainText, vocabulary } = this.config.domainLanguage;
    if (!domainText || !this.buildsModels) return null;
    return {
      domainText: domainText.text,
      domainTextFile: domainText.path,
      vocabulary: vocabulary?.text ?? '',
      vocabularyFile: vocabulary?.path ?? null,
    };
  }

  /**
   * The texts of a `PUT /api/language`, checked: a bad line throws `api domain text line <n>: <why>`
   * (nothing changes), and so does an engine whose model cannot change. Storing them is the caller's.
   */
  checked(domainText: string, vocabulary: string): LanguageTexts {
    if (!this.buildsModels) {
      throw new Error(`the ${this.engine.name} engine has no language model to replace (TNT_ENGINE=pocketsphinx has one)`);
    }
    parseDomainText(domainText, API_DOMAIN_TEXT_NAME);
    parseVocabulary(vocabulary, API_VOCABULARY_NAME);
    return { domainText, domainTextFile: API_DOMAIN_TEXT_NAME, vocabulary, vocabularyFile: vocabulary.trim() ? API_VOCABULARY_NAME : null };
  }

  /**
   * Checks `texts` (version `version` of the store) and starts building them on a thread of their
   * own: {@link status} says `building`, then when the model is in use or why its build failed. A
   * version not newer than the one built or building changes nothing; a bad line or an engine whose
   * model cannot change throws, changing nothing.
   */
  apply(texts: LanguageTexts, version: number): void {
    if (!this.buildsModels) throw new Error(`the ${this.engine.name} engine has no language model to build texts for`);
    // A read overtaken by a save (or a store answering an older version): the newer texts stay, built or building.
    if (version <= this.textsVersion) return;
    parseDomainText(texts.domainText, texts.domainTextFile);
    const hasVocabulary = texts.vocabulary.trim() !== '';
    if (hasVocabulary) parseVocabulary(texts.vocabulary, texts.vocabularyFile ?? API_VOCABULARY_NAME);
    // Texts put in force while the application starts are the start model `/readyz` waits for.
    if (!this.bootstrapped) this.awaitsStartModel = true;
    this.textsVersion = version;
    this.current = {
      ...this.current,
      state: 'building',
      domainTextFile: texts.domainTextFile,
      vocabularyFile: hasVocabulary ? (texts.vocabularyFile ?? API_VOCABULARY_NAME) : null,
      domainText: texts.domainText,
      vocabulary: texts.vocabulary,
      previousModelInUse: this.domainModelInUse,
      error: null,
    };
    this.logger.log(
      `a new domain language model is being built (version ${version}, ${texts.domainText.split('\n').length} lines of domain text)`,
    );
    // Not awaited: the build takes a minute or more; the status says when it is done.
    void this.build(this.current);
  }

  onApplicationBootstrap(): void {
    this.bootstrapped = true;
  }

  private async build(texts: LanguageModelStatus): Promise<void> {
    const generation = ++this.generation;
    try {
      const model = await this.builder({
        domainText: texts.domainText,
        domainTextName: texts.domainTextFile ?? API_DOMAIN_TEXT_NAME,
        ...(texts.vocabularyFile ? { vocabulary: texts.vocabulary, vocabularyName: texts.vocabularyFile } : {}),
      });
      if (generation !== this.generation) return;
      await this.engine.useLanguageModel?.(model);
      this.domainModelInUse = true;
      // A later version started building while this one loaded: the status is that one's.
      if (generation !== this.generation) return;
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
