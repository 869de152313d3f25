import { Logger } from '@nestjs/common';
import type { DomainModel } from '@tnt/server/data-access-engine-pocketsphinx';
import { DEFAULT_PACING, ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from '@tnt/server/data-access-store-postgres/testing';
import { PostgresCallStorage } from '@tnt/server/data-access-store-postgres';
import { SqliteCallStorage } from '@tnt/server/data-access-store-sqlite';
import { loadConfig } from '@tnt/server/util-config';
import type { LanguageModelFiles, TranscriptionEngine } from '@tnt/server/util-engine';
import { MemoryExtensionSettingsStore, type ExtensionSettingsStore } from '@tnt/server/util-extension-settings';
import { StoredSettingsInstance } from '@tnt/server/util-extension-settings/testing';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import { eventually } from '@tnt/shared/util-testing/eventually';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainLanguageService, type LanguageTexts } from './domain-language.service';
import type { LanguageModelSources } from './language-model-builder';
import { LANGUAGE_TEXTS_KEY, StoredLanguageTexts } from './stored-language-texts';

/** The scripted engine, with a language model that can change: it records the models it is given. */
class EngineTakingModels extends ScriptedEngine {
  readonly models: LanguageModelFiles[] = [];
  async useLanguageModel(model: LanguageModelFiles): Promise<void> {
    this.models.push(model);
  }
}

/** A build this instance started, which the test finishes with `succeed` or `fail`. */
interface PendingBuild {
  readonly sources: LanguageModelSources;
  succeed(addedWord: string): void;
  fail(message: string): void;
}

/** One gateway instance: its build service (`inForce`), the provider over it (`stored`), and the builds it started. */
function newInstance<E extends TranscriptionEngine = EngineTakingModels>(
  settings: ExtensionSettingsStore,
  env: Record<string, string>,
  engine: E = new EngineTakingModels(DEFAULT_PACING, 0) as TranscriptionEngine as E,
) {
  const builds: PendingBuild[] = [];
  const builder = (sources: LanguageModelSources) =>
    new Promise<DomainModel>((resolve, reject) =>
      builds.push({
        sources,
        succeed: (word) =>
          resolve({
            languageModelPath: `/models/${builds.length}.lm.bin`,
            dictionaryPath: `/models/${builds.length}.dict`,
            weight: { domainWeight: 0.5, perplexities: [] },
            addedWords: [{ word, phones: ['Z', 'AY'] }],
            sentences: sources.domainText.split('\n').filter(Boolean).length,
          }),
        fail: (message) => reject(new Error(message)),
      }),
    );
  const readiness = new ReadinessChecks();
  const service = new DomainLanguageService(engine, loadConfig(env), new PrometheusMetrics(), readiness, builder);
  const instance = new StoredSettingsInstance(
    service,
    'tnt_language_texts',
    (language, metrics, timer) => new StoredLanguageTexts(language, settings, metrics, timer, 2_000),
  );
  return Object.assign(instance, { builds, engine, readiness });
}

const apiTexts = (domainText: string, vocabulary = ''): LanguageTexts => ({
  domainText,
  domainTextFile: 'api domain text',
  vocabulary,
  vocabularyFile: vocabulary ? 'api vocabulary' : null,
});

/** The stores the instances of one test share: each opened empty, with one handle per instance where there can be several. */
interface SharedSettings {
  readonly handles: readonly [ExtensionSettingsStore, ExtensionSettingsStore];
  close(): Promise<void>;
}

const STORES: readonly [string, () => Promise<SharedSettings>][] = [
  ['memory', async () => ({ handles: sameTwice(new MemoryExtensionSettingsStore()), close: async () => undefined })],
  [
    'SQLite',
    async () => {
      const storage = SqliteCallStorage.open({ file: ':memory:', onBackgroundError: noBackgroundErrors });
      return { handles: sameTwice(storage.settings), close: async () => storage.close() };
    },
  ],
  [
    'PostgreSQL (an instance each)',
    async () => {
      const schema = randomSchemaName();
      const open = (instanceId: string) => PostgresCallStorage.open({ connectionString: TEST_DATABASE_URL, schema, instanceId });
      const one = await open('instance-a');
      const two = await open('instance-b');
      return {
        handles: [one.settings, two.settings],
        close: async () => {
          await one.close();
          await two.close();
          await dropSchema(schema);
        },
      };
    },
  ],
];

const noBackgroundErrors = (error: unknown): never => {
  throw error;
};

function sameTwice(store: ExtensionSettingsStore): [ExtensionSettingsStore, ExtensionSettingsStore] {
  return [store, store];
}

describe.each(STORES)('StoredLanguageTexts on %s settings', (_name, open) => {
  const folder = mkdtempSync(join(tmpdir(), 'tnt-language-texts-'));
  const domainFile = join(folder, 'domain.txt');
  const vocabularyFile = join(folder, 'vocabulary.txt');
  const startFiles = { TNT_DOMAIN_TEXT_FILE: domainFile, TNT_VOCABULARY_FILE: vocabularyFile };
  let shared: SharedSettings;
  let warnings: jest.SpyInstance;
  let errors: jest.SpyInstance;

  beforeAll(() => {
    writeFileSync(domainFile, 'my router is down\n');
    writeFileSync(vocabularyFile, 'zyxel\n');
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  beforeEach(async () => {
    shared = await open();
    warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await shared.close();
  });

  it('seeds an empty store with the start files and builds them at version 1', async () => {
    const instance = newInstance(shared.handles[0], startFiles);
    await instance.stored.onModuleInit();

    expect(await shared.handles[1].get(LANGUAGE_TEXTS_KEY)).toEqual({
      version: 1,
      value: { domainText: 'my router is down\n', domainTextFile: domainFile, vocabulary: 'zyxel\n', vocabularyFile },
    });
    expect(instance.builds.map((build) => build.sources)).toEqual([
      { domainText: 'my router is down\n', domainTextName: domainFile, vocabulary: 'zyxel\n', vocabularyName: vocabularyFile },
    ]);
    instance.builds[0].succeed('zyxel');
    await eventually(() => instance.inForce.status().state === 'in-use', 'the seeded texts are in use');
    expect(instance.inForce.status()).toMatchObject({ domainTextFile: domainFile, addedWords: ['zyxel'], sentences: 1 });
    expect(instance.engine.models).toMatchObject([{ languageModelPath: '/models/1.lm.bin', dictionaryPath: '/models/1.dict' }]);
    expect(await instance.metrics.render()).toMatch(/tnt_language_texts_version 1/);
  });

  it('seeds nothing without start files, and builds nothing until texts are stored', async () => {
    const instance = newInstance(shared.handles[0], {});
    await instance.stored.onModuleInit();
    await instance.tick();

    expect(await shared.handles[1].get(LANGUAGE_TEXTS_KEY)).toBeUndefined();
    expect(instance.builds).toHaveLength(0);
    expect(instance.inForce.status()).toMatchObject({ state: 'generic', domainText: '' });
  });

  it('keeps the texts stored over start files that differ: builds those, writes nothing, and says so', async () => {
    await shared.handles[1].put(LANGUAGE_TEXTS_KEY, apiTexts('please reset my modem\n'));
    const instance = newInstance(shared.handles[0], startFiles);
    await instance.stored.onModuleInit();

    expect((await shared.handles[1].get(LANGUAGE_TEXTS_KEY))?.version).toBe(1);
    expect(instance.builds.map((build) => build.sources.domainText)).toEqual(['please reset my modem\n']);
    expect(instance.inForce.status()).toMatchObject({ state: 'building', domainTextFile: 'api domain text', vocabularyFile: null });
    expect(warnings).toHaveBeenCalledWith(expect.stringMatching(/TNT_DOMAIN_TEXT_FILE .*differs from the stored texts \(version 1\)/));
  });

  it('seeds once when two instances start at once, and each builds that version', async () => {
    const [one, two] = [newInstance(shared.handles[0], startFiles), newInstance(shared.handles[1], startFiles)];
    await Promise.all([one.stored.onModuleInit(), two.stored.onModuleInit()]);

    expect((await shared.handles[0].get(LANGUAGE_TEXTS_KEY))?.version).toBe(1);
    expect([one.inForce.version, two.inForce.version]).toEqual([1, 1]);
    expect([one.builds.length, two.builds.length]).toEqual([1, 1]);
  });

  it('builds a newer version saved on another instance at its next reload, and an equal one only once', async () => {
    const [one, two] = [newInstance(shared.handles[0], startFiles), newInstance(shared.handles[1], startFiles)];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();

    expect(await one.stored.save(apiTexts('please reset my modem\n', 'modem\n'))).toMatchObject({
      state: 'building',
      domainText: 'please reset my modem\n',
      vocabularyFile: 'api vocabulary',
    });
    expect(one.inForce.version).toBe(2);
    expect(two.builds).toHaveLength(1);
    await two.tick();
    expect(two.inForce.version).toBe(2);
    expect(two.builds.map((build) => build.sources.domainTextName)).toEqual([domainFile, 'api domain text']);
    await two.tick();
    await one.tick();
    expect([one.builds.length, two.builds.length]).toEqual([2, 2]);

    two.builds[0].succeed('zyxel');
    two.builds[1].succeed('modem');
    await eventually(() => two.inForce.status().state === 'in-use', 'instance two uses version 2');
    expect(two.inForce.status()).toMatchObject({ domainText: 'please reset my modem\n', addedWords: ['modem'] });
    // The first build finished after the second started: it was never put in use.
    expect(two.engine.models.map((model) => model.languageModelPath)).toEqual(['/models/2.lm.bin']);
  });

  it('answers its status for the newest stored version, its build started, without waiting for a reload', async () => {
    const [one, two] = [newInstance(shared.handles[0], {}), newInstance(shared.handles[1], {})];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();
    await one.stored.save(apiTexts('my router is down\n'));

    expect(await two.stored.latestStatus()).toMatchObject({ state: 'building', domainText: 'my router is down\n' });
    expect(two.inForce.version).toBe(1);
  });

  it('ignores a reload that read an older version than the one it is building (overtaken by a save)', async () => {
    const instance = newInstance(shared.handles[0], startFiles);
    await instance.stored.onModuleInit();
    const stale = await shared.handles[0].get(LANGUAGE_TEXTS_KEY);
    await instance.stored.save(apiTexts('please reset my modem\n'));
    jest.spyOn(shared.handles[0], 'get').mockResolvedValueOnce(stale);

    await instance.tick();

    expect(instance.inForce.version).toBe(2);
    expect(instance.builds.map((build) => build.sources.domainText)).toEqual(['my router is down\n', 'please reset my modem\n']);
  });

  it("reports a build that fails on one instance in that instance's status only, as a local failure", async () => {
    const [one, two] = [newInstance(shared.handles[0], {}), newInstance(shared.handles[1], {})];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();
    await one.stored.save(apiTexts('my router is down\n'));
    await two.tick();

    one.builds[0].succeed('router');
    two.builds[0].fail('out of memory');
    await eventually(() => two.inForce.status().state === 'failed', 'the build on instance two failed');
    await eventually(() => one.inForce.status().state === 'in-use', 'instance one uses the texts');
    expect(two.inForce.status()).toMatchObject({ error: 'out of memory', previousModelInUse: false });
    expect(two.inForce.version).toBe(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^domain language model build failed, .*out of memory/));
    await two.tick();
    expect(two.builds).toHaveLength(1);
  });

  it('is not ready until the model of texts stored before it started is in use, even without start files', async () => {
    await shared.handles[1].put(LANGUAGE_TEXTS_KEY, apiTexts('my router is down\n'));
    const instance = newInstance(shared.handles[0], {});
    await instance.stored.onModuleInit();
    instance.inForce.onApplicationBootstrap();

    expect(instance.readiness.evaluate()).toEqual({ ready: false, checks: { 'language-model': 'domain language model building' } });
    instance.builds[0].succeed('router');
    await eventually(() => instance.readiness.evaluate().ready, 'the instance is ready');
  });

  it('stays ready while it builds texts saved after it started', async () => {
    const [one, two] = [newInstance(shared.handles[0], {}), newInstance(shared.handles[1], {})];
    await one.stored.onModuleInit();
    await two.stored.onModuleInit();
    two.inForce.onApplicationBootstrap();
    await one.stored.save(apiTexts('my router is down\n'));
    await two.tick();

    expect(two.inForce.status().state).toBe('building');
    expect(two.readiness.evaluate().ready).toBe(true);
  });

  it('seeds, reads and builds nothing with an engine whose model cannot change', async () => {
    await shared.handles[1].put(LANGUAGE_TEXTS_KEY, apiTexts('my router is down\n'));
    const instance = newInstance(shared.handles[0], {}, new ScriptedEngine(DEFAULT_PACING, 0));
    await instance.stored.onModuleInit();

    expect(instance.timer.tasks).toHaveLength(0);
    expect(instance.builds).toHaveLength(0);
    expect(await instance.stored.latestStatus()).toMatchObject({ state: 'generic' });
  });
});
