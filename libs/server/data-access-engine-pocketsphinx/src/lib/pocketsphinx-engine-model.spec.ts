import type { EngineSegment } from '@tnt/server/util-engine';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatSamples, fliteSpeech } from '@tnt/shared/util-testing';
import { lineNoise, mixNoise, transcribe } from '../testing';
import { arpaLines } from './language-model/backoff-model';
import { buildWittenBell } from './language-model/witten-bell';
import { DEBIAN_ENGLISH_MODEL_DIRECTORY } from './pocketsphinx-options';
import { PocketsphinxEngine } from './pocketsphinx-engine';

/** "gigabit" is not in Debian's dictionary, so only a model that adds it can hear it. */
const SENTENCE = 'the gigabit plan costs ten pounds more';
const silence = (milliseconds: number) => new Int16Array((16000 * milliseconds) / 1000);

describe('PocketsphinxEngine with a new language model', () => {
  let directory: string;
  let engine: PocketsphinxEngine;
  let speech: Int16Array;
  let model: { languageModelPath: string; dictionaryPath: string };

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pocketsphinx-model-'));
    engine = new PocketsphinxEngine({ workerCount: 1, spareDecoders: 1 });
    const [spoken] = await Promise.all([fliteSpeech(SENTENCE, 16000, 'slt'), engine.start()]);
    speech = mixNoise(concatSamples([silence(600), spoken, silence(1000)]), lineNoise(1000));
    // A small model of the domain alone: its sentences, its words, "gigabit" pronounced by hand.
    const sentences = ['the gigabit plan costs ten pounds more', 'the plan costs ten pounds', 'gigabit speeds cost more'];
    const words = new Set(sentences.flatMap((sentence) => sentence.split(' ')));
    const languageModelPath = join(directory, 'domain.arpa');
    await writeFile(
      languageModelPath,
      [
        ...arpaLines(
          buildWittenBell(
            sentences.map((sentence) => sentence.split(' ')),
            3,
          ),
        ),
      ].join('\n') + '\n',
    );
    const generic = await readFile(join(DEBIAN_ENGLISH_MODEL_DIRECTORY, 'cmudict-en-us.dict'), 'latin1');
    const entries = generic.split('\n').filter((line) => words.has(line.slice(0, line.indexOf(' '))));
    const dictionaryPath = join(directory, 'domain.dict');
    await writeFile(dictionaryPath, ['gigabit G IH G AH B IH T', ...entries].join('\n') + '\n');
    model = { languageModelPath, dictionaryPath };
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await rm(directory, { recursive: true, force: true });
  });

  const text = (segments: readonly EngineSegment[]) =>
    segments
      .filter((segment) => segment.isFinal)
      .map((segment) => segment.text)
      .join(' ');

  it('decodes streams opened afterwards with the new model, and a stream already open with its own', async () => {
    const segments: EngineSegment[] = [];
    const errors: Error[] = [];
    const inProgress = engine.open(
      { callId: 'before', speaker: 'caller', sampleRate: 16000, language: 'en-US' },
      { onSegment: (segment) => segments.push(segment), onError: (error) => errors.push(error) },
    );
    const half = Math.floor(speech.length / 4);
    inProgress.write(speech.slice(0, half));

    await engine.useLanguageModel(model);
    inProgress.write(speech.slice(half));
    await inProgress.end();
    const after = await transcribe(engine, speech);

    expect(errors).toEqual([]);
    expect(engine.languageModel()).toEqual(model);
    expect(text(after.segments)).toContain('gigabit');
    expect(text(segments)).not.toContain('gigabit');
    expect(text(segments)).toContain('plan');
  }, 120_000);

  it('keeps the model in use when a new one cannot be read', async () => {
    const before = engine.languageModel();

    await expect(engine.useLanguageModel({ ...model, languageModelPath: join(directory, 'missing.lm.bin') })).rejects.toThrow(
      /missing\.lm\.bin/,
    );

    expect(engine.languageModel()).toEqual(before);
    expect(text((await transcribe(engine, speech)).segments)).toContain('gigabit');
  }, 120_000);
});
