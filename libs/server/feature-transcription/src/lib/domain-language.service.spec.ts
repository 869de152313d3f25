import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PocketsphinxEngine } from '@tnt/server/data-access-engine-pocketsphinx';
import { DEFAULT_PACING, ScriptedEngine } from '@tnt/server/data-access-engine-scripted';
import { loadConfig } from '@tnt/server/util-config';
import { PrometheusMetrics, ReadinessChecks } from '@tnt/server/util-metrics';
import { DomainLanguageService } from './domain-language.service';
import { buildMixedWithGenericModel } from './language-model-builder';

describe('DomainLanguageService at start', () => {
  let directory: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'domain-language-'));
  });

  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(directory, name);
    await writeFile(path, text);
    return path;
  }

  /** The service as the module builds it at start, on `engine` (pocketsphinx unless said). */
  function serviceAtStart(
    config: ReturnType<typeof loadConfig>,
    readiness = new ReadinessChecks(),
    engine: ConstructorParameters<typeof DomainLanguageService>[0] = new PocketsphinxEngine(),
  ): DomainLanguageService {
    return new DomainLanguageService(engine, config, new PrometheusMetrics(), readiness, buildMixedWithGenericModel);
  }

  it('uses the generic model, and is ready, without a domain text', () => {
    const readiness = new ReadinessChecks();
    const service = serviceAtStart(loadConfig({}), readiness);

    expect(service.status().state).toBe('generic');
    expect(readiness.evaluate().ready).toBe(true);
  });

  it('stops the start on a bad line, naming the file and the line', async () => {
    const domainText = await file('bad.txt', 'my router is down\nmy account is 45\n');
    const config = loadConfig({ TNT_DOMAIN_TEXT_FILE: domainText });

    expect(() => serviceAtStart(config)).toThrow(`${domainText} line 2: "45" has digits`);
  });

  it('names the vocabulary line with an unknown phone', async () => {
    const config = loadConfig({
      TNT_DOMAIN_TEXT_FILE: await file('good.txt', 'my router is down\n'),
      TNT_VOCABULARY_FILE: await file('vocabulary.txt', 'gigabit\nzyxel  Z AY X\n'),
    });

    expect(() => serviceAtStart(config)).toThrow(/vocabulary\.txt line 2: unknown phones X/);
  });

  it('answers not ready while the domain model is not in use yet', async () => {
    const readiness = new ReadinessChecks();
    const config = loadConfig({ TNT_DOMAIN_TEXT_FILE: await file('text.txt', 'my router is down\n') });
    const service = serviceAtStart(config, readiness);

    expect(service.status()).toMatchObject({ state: 'building', domainTextFile: join(directory, 'text.txt') });
    expect(readiness.evaluate()).toEqual({ ready: false, checks: { 'language-model': 'domain language model building' } });
  });

  it('refuses a domain text for an engine whose model cannot change', async () => {
    const config = loadConfig({ TNT_DOMAIN_TEXT_FILE: await file('text2.txt', 'my router is down\n') });

    expect(() => serviceAtStart(config, new ReadinessChecks(), new ScriptedEngine(DEFAULT_PACING, 0))).toThrow(
      'TNT_DOMAIN_TEXT_FILE needs an engine with a language model (TNT_ENGINE=pocketsphinx), not scripted',
    );
  });
});
