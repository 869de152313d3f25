import { Inject, Injectable } from '@nestjs/common';
import type { LanguageModelStatus } from '@tnt/protocol';
import {
  EXTENSION_SETTINGS,
  StoredSettingsProvider,
  type ExtensionSettingsStore,
  type ReloadTimer,
  type SettingsProviderOptions,
} from '@tnt/server/util-extension-settings';
import { METRICS, type MetricsRegistry } from '@tnt/server/util-metrics';
import { DomainLanguageService, type LanguageTexts } from './domain-language.service';

/** The key of the domain text and vocabulary in the settings store; its value is a {@link LanguageTexts}. */
export const LANGUAGE_TEXTS_KEY = 'language.texts';
/** A {@link ReloadTimer}: how the instance re-reads the store's version, every `LANGUAGE_TEXTS_RELOAD_INTERVAL_MS`. */
export const LANGUAGE_TEXTS_RELOAD_TIMER = Symbol('LANGUAGE_TEXTS_RELOAD_TIMER');
/** Milliseconds between two reads of the stored version. */
export const LANGUAGE_TEXTS_RELOAD_INTERVAL_MS = Symbol('LANGUAGE_TEXTS_RELOAD_INTERVAL_MS');

/**
 * Keeps the texts this instance builds its domain language model from ({@link DomainLanguageService})
 * equal to the ones in the settings store, which every instance of a cluster shares (the settings
 * lib's `StoredSettingsProvider`, as phrase alerts' rules and agent assist's cards):
 *
 * - **Seeding.** At start, when the store holds no texts yet, TNT_DOMAIN_TEXT_FILE (and
 *   TNT_VOCABULARY_FILE) are written with expected version 0: of several instances starting at once
 *   exactly one writes, the others read what it wrote. Once stored, the store wins: changed files
 *   are not written again (a warning says they differ); supervisors replace the texts through the API.
 * - **Changes.** A `PUT /api/language` stores the texts and starts their build here at once; every
 *   other instance reads the stored version every `reloadIntervalMs` (one primary-key read) and
 *   builds a newer one itself. Each instance's `GET /api/language` is its own build's state.
 * - **Faults.** A failed reload keeps the texts in force (`tnt_language_texts_reload_failures_total`,
 *   logged once until it recovers); a build that fails is the instance's, as a local one.
 *
 * An engine whose model cannot change (scripted, deepgram) has no texts: nothing is seeded or read.
 */
@Injectable()
export class StoredLanguageTexts extends StoredSettingsProvider<LanguageTexts, LanguageModelStatus> {
  constructor(
    private readonly language: DomainLanguageService,
    @Inject(EXTENSION_SETTINGS) settings: ExtensionSettingsStore,
    @Inject(METRICS) metrics: MetricsRegistry,
    @Inject(LANGUAGE_TEXTS_RELOAD_TIMER) timer: ReloadTimer,
    @Inject(LANGUAGE_TEXTS_RELOAD_INTERVAL_MS) reloadIntervalMs: number,
  ) {
    super(LANGUAGE_TEXTS_DOCUMENT, language, settings, language.configuredTexts(), metrics, timer, reloadIntervalMs);
  }

  /** Seeds an empty store and builds the stored texts, then polls; nothing for an engine without a language model. */
  override async onModuleInit(): Promise<void> {
    if (this.language.buildsModels) await super.onModuleInit();
  }

  /** This instance's build of the newest texts: a newer stored version starts building here before it answers. Never throws. */
  async latestStatus(): Promise<LanguageModelStatus> {
    if (this.language.buildsModels) await this.reload();
    return this.state();
  }

  protected state(): LanguageModelStatus {
    return this.language.status();
  }

  protected namesInForce(): readonly string[] {
    if (this.language.version === 0) return [];
    const { domainTextFile, vocabularyFile } = this.language.status();
    return [domainTextFile, vocabularyFile].filter((name): name is string => name !== null);
  }
}

/** The texts as a document of the store: `{domainText, domainTextFile, vocabulary, vocabularyFile}`. */
const LANGUAGE_TEXTS_DOCUMENT: SettingsProviderOptions<LanguageTexts> = {
  key: LANGUAGE_TEXTS_KEY,
  what: 'language texts',
  noun: 'texts',
  seedVariable: 'TNT_DOMAIN_TEXT_FILE (with TNT_VOCABULARY_FILE)',
  editedAt: "PUT /api/language or the dashboard's Language page",
  metricPrefix: 'tnt_language_texts',
  extension: 'domain language',
  item: 'text',
  loggerContext: 'DomainLanguage',
  parse: parseLanguageTexts,
  toValue: (texts) => ({
    domainText: texts.domainText,
    domainTextFile: texts.domainTextFile,
    vocabulary: texts.vocabulary,
    vocabularyFile: texts.vocabularyFile,
  }),
};

/** A stored value as {@link LanguageTexts}; throws, naming the field, when it is not one (its lines are checked when applied). */
function parseLanguageTexts(value: unknown): LanguageTexts {
  if (typeof value !== 'object' || value === null) throw new Error('the stored texts must be an object');
  const { domainText, domainTextFile, vocabulary, vocabularyFile } = value as Record<string, unknown>;
  if (typeof domainText !== 'string' || domainText === '') throw new Error('domainText must be a non-empty text');
  if (typeof domainTextFile !== 'string') throw new Error('domainTextFile must be a text');
  if (typeof vocabulary !== 'string') throw new Error('vocabulary must be a text');
  if (vocabularyFile !== null && typeof vocabularyFile !== 'string') throw new Error('vocabularyFile must be a text or null');
  return { domainText, domainTextFile, vocabulary, vocabularyFile };
}
