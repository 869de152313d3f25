import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDomainModelInThread, type DomainModel } from '@tnt/server/data-access-engine-pocketsphinx';

/** Where Debian's `pocketsphinx-en-us` puts the generic model a domain model is mixed with. */
const GENERIC_MODEL_DIRECTORY = '/usr/share/pocketsphinx/model/en-us';

/** The texts one build is made of, each with the name its line errors give (a file's path, `api domain text`). */
export interface LanguageModelSources {
  readonly domainText: string;
  readonly domainTextName: string;
  readonly vocabulary?: string;
  readonly vocabularyName?: string;
}

/** Builds a domain language model off the event loop; rejects, naming the file and line, when it cannot. */
export type LanguageModelBuilder = (sources: LanguageModelSources) => Promise<DomainModel>;

/** Injection token of the {@link LanguageModelBuilder}; the server's is {@link buildMixedWithGenericModel}. */
export const LANGUAGE_MODEL_BUILDER = Symbol('LANGUAGE_MODEL_BUILDER');

/** The server's builder: a thread of its own mixing the texts with Debian's generic en-us model, into a fresh temporary folder. */
export const buildMixedWithGenericModel: LanguageModelBuilder = async (sources) =>
  buildDomainModelInThread({
    ...sources,
    genericModelPath: join(GENERIC_MODEL_DIRECTORY, 'en-us.lm.bin'),
    genericDictionaryPath: join(GENERIC_MODEL_DIRECTORY, 'cmudict-en-us.dict'),
    outputDirectory: await mkdtemp(join(tmpdir(), 'tnt-language-model-')),
  });
