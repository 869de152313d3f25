import { execFile } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { arpaLines, type BackoffModel } from './backoff-model';
import { parseDomainText, parseVocabulary } from './domain-text';
import { readTrieModel } from './generic-model-reader';
import { chooseDomainWeight, interpolateModels, type WeightChoice } from './interpolation';
import { letterToSound } from './letter-to-sound';
import { buildWittenBell } from './witten-bell';

const run = promisify(execFile);

/** The n-gram order of the domain model, the generic model's. */
const ORDER = 3;
/** Every this-many-th domain sentence is held back to choose the mix weight. */
const HELD_BACK_EVERY = 10;
/**
 * The highest domain weight allowed (held-back perplexity of a template-like domain text keeps
 * falling up to 0.9). Measured with the batch CLI on the broadband-support fixture calls
 * (README, "Domain language model"): at 0.5 a matching text cut WER 0.195 → 0.045 (16 kHz) and
 * 0.565 → 0.449 (8 kHz), and a mismatched one moved it by at most 0.007.
 */
export const MAXIMUM_DOMAIN_WEIGHT = 0.5;

/** What a domain model build reads. */
export interface DomainModelInput {
  readonly domainText: string;
  readonly domainTextName: string;
  readonly vocabulary?: string;
  readonly vocabularyName?: string;
  /** pocketsphinx trie model to mix with (Debian's `en-us.lm.bin`). */
  readonly genericModelPath: string;
  readonly genericDictionaryPath: string;
  /** Where the model files are written. */
  readonly outputDirectory: string;
  readonly maximumDomainWeight?: number;
}

/** A built model: files for the decoder, and how it was made. */
export interface DomainModel {
  readonly languageModelPath: string;
  readonly dictionaryPath: string;
  readonly weight: WeightChoice;
  /** Words the generic dictionary lacked, with the phones given or found by letter-to-sound. */
  readonly addedWords: readonly { readonly word: string; readonly phones: readonly string[] }[];
  readonly sentences: number;
}

let genericCache: { path: string; model: BackoffModel } | undefined;

/** The generic model, read once per process (≈3.7 million n-grams). */
export function genericModel(path: string): BackoffModel {
  if (genericCache?.path !== path) genericCache = { path, model: readTrieModel(path) };
  return genericCache.model;
}

/** Headwords of a CMU-format dictionary (`word(2)` variants folded). */
function dictionaryWords(dictionary: string): Set<string> {
  const words = new Set<string>();
  for (const line of dictionary.split('\n')) {
    const head = line.slice(0, line.indexOf(' ')).replace(/\(\d+\)$/, '');
    if (head) words.add(head);
  }
  return words;
}

/**
 * Builds a domain model: a Witten-Bell trigram model of the domain text (and the vocabulary's
 * phrases), mixed with the generic model at the weight held-back perplexity chooses (capped),
 * written as ARPA and converted to pocketsphinx's binary format by `sphinx_lm_convert`; and the
 * generic dictionary plus every missing word, pronounced as given or by flite's letter-to-sound.
 * Throws {@link DomainInputError} naming the line of an unusable input.
 */
export async function buildDomainModel(input: DomainModelInput): Promise<DomainModel> {
  const sentences = parseDomainText(input.domainText, input.domainTextName);
  const vocabulary = input.vocabulary ? parseVocabulary(input.vocabulary, input.vocabularyName ?? 'vocabulary') : [];
  const allSentences = [...sentences, ...vocabulary.map((entry) => [...entry.words])];
  const generic = genericModel(input.genericModelPath);
  const vocabularyWords = new Set([...generic.logProbs[0].keys(), ...allSentences.flat()]);
  const heldBack = allSentences.filter((_, index) => index % HELD_BACK_EVERY === HELD_BACK_EVERY - 1);
  const training = allSentences.filter((_, index) => index % HELD_BACK_EVERY !== HELD_BACK_EVERY - 1);
  const maximum = input.maximumDomainWeight ?? MAXIMUM_DOMAIN_WEIGHT;
  const weight =
    heldBack.length > 0
      ? chooseDomainWeight(generic, buildWittenBell(training, ORDER, vocabularyWords), heldBack, maximum)
      : { domainWeight: maximum, perplexities: [] };
  const mixed = interpolateModels(generic, buildWittenBell(allSentences, ORDER, vocabularyWords), weight.domainWeight);

  const arpaPath = join(input.outputDirectory, 'domain.arpa');
  const languageModelPath = join(input.outputDirectory, 'domain.lm.bin');
  const arpa = createWriteStream(arpaPath);
  for (const line of arpaLines(mixed)) {
    if (!arpa.write(`${line}\n`)) await new Promise<void>((resolve) => arpa.once('drain', () => resolve()));
  }
  arpa.end();
  await finished(arpa);
  await run('sphinx_lm_convert', ['-i', arpaPath, '-o', languageModelPath, '-ofmt', 'bin'], { maxBuffer: 16 * 1024 * 1024 });

  const genericDictionary = await readFile(input.genericDictionaryPath, 'utf8');
  const known = dictionaryWords(genericDictionary);
  const given = new Map(vocabulary.filter((entry) => entry.pronunciation).map((entry) => [entry.words[0], entry.pronunciation ?? []]));
  const addedWords: { word: string; phones: readonly string[] }[] = [];
  for (const word of new Set(allSentences.flat())) {
    const phones = given.get(word) ?? (known.has(word) ? undefined : await letterToSound(word));
    if (phones) addedWords.push({ word, phones });
  }
  // A given pronunciation comes first, so pocketsphinx prefers it to the generic one.
  const extra = addedWords.map(({ word, phones }) => `${word} ${phones.join(' ')}`).join('\n');
  const dictionaryPath = join(input.outputDirectory, 'domain.dict');
  await writeFile(dictionaryPath, `${extra}${extra ? '\n' : ''}${genericDictionary}`);
  return { languageModelPath, dictionaryPath, weight, addedWords, sentences: sentences.length };
}
