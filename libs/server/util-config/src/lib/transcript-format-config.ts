import { readFileSync } from 'node:fs';
import { ConfigError, readBoolean, type Environment } from './env-parsers';

/** How transcripts are made readable before they are stored and sent. */
export interface TranscriptFormatConfig {
  /** TNT_FORMAT_TRANSCRIPTS: format segments (sentence case, punctuation, digits); off: clients get the engine's words. */
  readonly enabled: boolean;
  /**
   * TNT_PROPER_NOUNS (comma-separated) and TNT_PROPER_NOUNS_FILE (one a line, `#` starts a comment):
   * names written as given (`Acme`, `Jane Miller`), besides the built-in lexicon.
   */
  readonly properNouns: readonly string[];
}

/** Longest proper noun, in words: the lexicon looks up runs of at most this many. */
const MAX_WORDS = 4;
const PROPER_NOUN = /^[\p{L}\p{N}][\p{L}\p{N}'&.-]*( [\p{L}\p{N}][\p{L}\p{N}'&.-]*)*$/u;
const RULE = `must list names of 1 to ${MAX_WORDS} words of letters, digits and ' & . - (e.g. "Acme,Jane Miller")`;

function checkedNoun(variable: string, entry: string): string {
  const noun = entry.trim().replace(/\s+/g, ' ');
  if (noun.length > 80 || !PROPER_NOUN.test(noun) || noun.split(' ').length > MAX_WORDS) throw new ConfigError(variable, RULE, entry);
  return noun;
}

function readNounFile(env: Environment): string[] {
  const path = env['TNT_PROPER_NOUNS_FILE']?.trim();
  if (!path) return [];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'TNT_PROPER_NOUNS_FILE',
      `must be a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      path,
    );
  }
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '')
    .map((line) => checkedNoun('TNT_PROPER_NOUNS_FILE', line));
}

/** Reads the formatting settings; throws a `ConfigError` naming the first bad variable. */
export function readTranscriptFormatConfig(env: Environment): TranscriptFormatConfig {
  const listed = (env['TNT_PROPER_NOUNS'] ?? '')
    .split(',')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => checkedNoun('TNT_PROPER_NOUNS', entry));
  return { enabled: readBoolean(env, 'TNT_FORMAT_TRANSCRIPTS', true), properNouns: [...readNounFile(env), ...listed] };
}
