import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Speaker } from '@tnt/protocol';
import { buildDomainModel, type DomainModel } from '@tnt/server/data-access-engine-pocketsphinx';
import { WordErrorTotals } from '@tnt/shared/util-testing';
import { referenceText, type Conversation } from '@tnt/tools/util-speech';
import { batchTranscribe, telephoneRoundTrip } from './batch-baseline';

const SPEAKERS: readonly Speaker[] = ['caller', 'agent'];
const MODEL = '/usr/share/pocketsphinx/model/en-us';

/** Files the decoder reads: the generic model or a built domain model. */
export interface DecoderModel {
  readonly languageModelPath: string;
  readonly dictionaryPath: string;
}

export const GENERIC_MODEL: DecoderModel = { languageModelPath: `${MODEL}/en-us.lm.bin`, dictionaryPath: `${MODEL}/cmudict-en-us.dict` };

/** A domain model built for the benchmark, with how long the build took. */
export interface BuiltModel {
  readonly model: DomainModel;
  readonly buildMs: number;
}

/** Builds a domain model from a domain text file into a fresh temporary directory. */
export async function buildModelFrom(domainTextPath: string, maximumDomainWeight?: number): Promise<BuiltModel> {
  const started = performance.now();
  const model = await buildDomainModel({
    domainText: await readFile(domainTextPath, 'utf8'),
    domainTextName: domainTextPath,
    genericModelPath: GENERIC_MODEL.languageModelPath,
    genericDictionaryPath: GENERIC_MODEL.dictionaryPath,
    outputDirectory: await mkdtemp(join(tmpdir(), 'tnt-domain-lm-')),
    ...(maximumDomainWeight === undefined ? {} : { maximumDomainWeight }),
  });
  return { model, buildMs: performance.now() - started };
}

/**
 * Word error rate of the batch recogniser with `model` on every speaker track of the
 * conversations, at 16 kHz, or (telephone) through 8 kHz μ-law and back up by sox.
 */
export async function batchRateWith(conversations: readonly Conversation[], model: DecoderModel, telephone: boolean): Promise<number> {
  const totals = new WordErrorTotals();
  for (const conversation of conversations) {
    for (const speaker of SPEAKERS) {
      const track = telephone ? await telephoneRoundTrip(conversation[speaker], conversation.sampleRate) : conversation[speaker];
      totals.add(referenceText(conversation.script, speaker), await batchTranscribe(track, conversation.sampleRate, model));
    }
  }
  return totals.rate;
}
