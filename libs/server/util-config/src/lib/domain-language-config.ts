import { readFileSync } from 'node:fs';
import { ConfigError, type Environment } from './env-parsers';

/** A text file named by configuration, read at start. */
export interface ConfiguredTextFile {
  readonly path: string;
  readonly text: string;
}

/** The domain language model to build at start (pocketsphinx engine), or the vocabulary sent as keyterms (deepgram). */
export interface DomainLanguageConfig {
  /** TNT_DOMAIN_TEXT_FILE: sentences typical of the calls, one a line; unset: the generic model only. */
  readonly domainText: ConfiguredTextFile | null;
  /**
   * TNT_VOCABULARY_FILE: words or phrases, one a line, a word optionally followed by two spaces and its phones;
   * with `TNT_ENGINE=deepgram` it stands alone and its words and phrases are sent as keyterms.
   */
  readonly vocabulary: ConfiguredTextFile | null;
}

function readTextFile(env: Environment, variable: string): ConfiguredTextFile | null {
  const path = env[variable]?.trim();
  if (!path) return null;
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new ConfigError(variable, `must be a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, path);
  }
}

/**
 * Reads the domain language files; throws a `ConfigError` naming the variable when one cannot be
 * read. Their lines are checked when the model is built, before the gateway listens.
 */
export function readDomainLanguageConfig(env: Environment): DomainLanguageConfig {
  const domainText = readTextFile(env, 'TNT_DOMAIN_TEXT_FILE');
  const vocabulary = readTextFile(env, 'TNT_VOCABULARY_FILE');
  // Deepgram takes the vocabulary as keyterms and has no language model to build from a domain text.
  const deepgram = env['TNT_ENGINE']?.trim() === 'deepgram';
  if (deepgram && domainText) {
    throw new ConfigError(
      'TNT_DOMAIN_TEXT_FILE',
      'does not apply to TNT_ENGINE=deepgram (it builds a pocketsphinx model); give TNT_VOCABULARY_FILE alone, sent as keyterms',
      domainText.path,
    );
  }
  if (vocabulary && !domainText && !deepgram) {
    throw new ConfigError('TNT_VOCABULARY_FILE', 'needs TNT_DOMAIN_TEXT_FILE too (the vocabulary extends a domain model)', vocabulary.path);
  }
  return { domainText, vocabulary };
}
