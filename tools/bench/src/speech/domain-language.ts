import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Speaker } from '@tnt/protocol';
import { WordErrorTotals } from '@tnt/shared/util-testing';
import { workspaceRoot } from '@tnt/tools/util-gateway-process';
import { referenceText, type Conversation } from '@tnt/tools/util-speech';
import { batchTranscribe, telephoneRoundTrip } from './batch-baseline';

const run = promisify(execFile);
const SPEAKERS: readonly Speaker[] = ['caller', 'agent'];
const MODEL = '/usr/share/pocketsphinx/model/en-us';
/** The engine's model-building probe, built with the gateway, run as a process of its own. */
const DOMAIN_MODEL_PROBE = join(
  workspaceRoot(),
  ...['dist', 'server', 'libs', 'server', 'data-access-engine-pocketsphinx', 'src', 'bench', 'domain-model-probe.js'],
);
/** The builder holds the generic model (≈3.7 million n-grams) twice while mixing. */
const PROBE_HEAP_MB = 6144;

/** Files the decoder reads: the generic model or a built domain model. */
export interface DecoderModel {
  readonly languageModelPath: string;
  readonly dictionaryPath: string;
}

export const GENERIC_MODEL: DecoderModel = { languageModelPath: `${MODEL}/en-us.lm.bin`, dictionaryPath: `${MODEL}/cmudict-en-us.dict` };

/** A domain model built for the benchmark: its files, its mix weight, how long the build took. */
export interface BuiltModel extends DecoderModel {
  readonly weight: { readonly domainWeight: number };
  readonly buildMs: number;
}

/** Builds a domain model from a domain text file into a fresh temporary directory, in a process of its own. */
export async function buildModelFrom(domainTextPath: string): Promise<BuiltModel> {
  const outputDirectory = await mkdtemp(join(tmpdir(), 'tnt-domain-lm-'));
  const { stdout } = await run(
    process.execPath,
    [`--max-old-space-size=${PROBE_HEAP_MB}`, DOMAIN_MODEL_PROBE, domainTextPath, outputDirectory],
    {
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as BuiltModel;
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

/** A gateway's view of its language model (`GET /api/language`). */
interface LanguageStatusAnswer {
  readonly state: string;
  readonly domainWeight: number | null;
  readonly error: string | null;
}

/** Longest a gateway may take to build its domain model before the benchmark gives up. */
const BUILD_WAIT_MS = 30 * 60_000;
const POLL_MS = 2_000;

/**
 * Waits until the gateway's domain model decodes new calls (`GET /api/language` in use) and
 * returns its status; rejects when the build failed or took longer than {@link BUILD_WAIT_MS}.
 */
export async function waitForLanguageModel(baseUrl: string, token: string): Promise<LanguageStatusAnswer> {
  for (let waited = 0; waited <= BUILD_WAIT_MS; waited += POLL_MS) {
    const response = await fetch(`${baseUrl}/api/language`, { headers: { authorization: `Bearer ${token}` } });
    const status = (await response.json()) as LanguageStatusAnswer;
    if (status.state === 'in-use') return status;
    if (status.state === 'failed') throw new Error(`the gateway's domain model build failed: ${status.error}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the gateway's domain model was not in use within ${BUILD_WAIT_MS / 60_000} minutes`);
}

/** Word error rates of one language model: TnT's streaming pipeline and the batch CLI, at both rates. */
export interface DomainAccuracy {
  readonly model: 'generic' | 'domain' | 'mismatched';
  readonly domainWeight: number | null;
  readonly streaming16k: number;
  readonly streaming8k: number;
  readonly batch16k: number;
  readonly batch8k: number;
  readonly buildMs: number | null;
}

/** Bars of issue 14, relative to the generic model's streaming WER at the same rate. */
export function domainBars(generic: DomainAccuracy, measured: DomainAccuracy): { rate: string; value: number; bar: number }[] {
  const matching = measured.model === 'domain';
  return [
    { rate: '16 kHz', value: measured.streaming16k, bar: matching ? 0.65 * generic.streaming16k : generic.streaming16k + 0.03 },
    { rate: '8 kHz', value: measured.streaming8k, bar: matching ? 0.8 * generic.streaming8k : generic.streaming8k + 0.03 },
  ];
}
