import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createResampler } from '@tnt/server/util-audio';
import { soxResample, soxSamples, WordErrorTotals } from '@tnt/shared/util-testing';
import { EN_US_CEPSTRAL_MEANS, type AudioBand } from './audio-band';
import { resolvePocketsphinxOptions } from './pocketsphinx-options';
import { PocketsphinxDecoder } from './worker/pocketsphinx-decoder';
import { loadPocketsphinxLibrary } from './worker/pocketsphinx-library';
import { StreamRecognizer } from './worker/stream-recognizer';

/** Real read speech with its transcription, from Debian's pocketsphinx-testdata. */
const LIBRIVOX = '/usr/share/pocketsphinx/test/data/librivox';

const options = resolvePocketsphinxOptions();
const library = loadPocketsphinxLibrary(options.libraryPath);
library.err_set_logfp(null);

/** A clip as `band` carries it to the decoder: as recorded, or band-limited to 8 kHz and resampled to 16 kHz the way ingest does. */
function heardOver(band: AudioBand, pcm: Int16Array): Int16Array {
  return band === 'wide' ? pcm : createResampler(8000, 16000).process(soxResample(pcm, 16000, 8000));
}

/** Decodes `pcm` as one stream starting from `initialMean` (default: the model's), returning its text and the mean it ends with. */
function decodeStream(decoder: PocketsphinxDecoder, pcm: Int16Array, initialMean?: Float32Array) {
  const finals: string[] = [];
  const settings = { sampleRate: 16000, interimIntervalMs: 500, frameDurationMs: options.frameDurationMs };
  const recognizer = new StreamRecognizer(decoder, settings, (segment) => segment.isFinal && finals.push(segment.text), initialMean);
  for (let offset = 0; offset < pcm.length; offset += 3200) recognizer.write(pcm.slice(offset, offset + 3200));
  recognizer.end();
  return { text: finals.join(' '), mean: decoder.cepstralMean() };
}

const average = (means: readonly Float32Array[]) =>
  means.reduce((sum, mean) => sum.map((value, index) => value + mean[index] / means.length), new Float32Array(means[0].length));

describe.each<AudioBand>(['wide', 'narrow'])('the %sband cepstral mean prior', (band) => {
  const ids = readFileSync(join(LIBRIVOX, 'fileids'), 'utf8').trim().split('\n');
  const references = readFileSync(join(LIBRIVOX, 'transcription'), 'utf8')
    .trim()
    .split('\n')
    .map((line) =>
      line
        .replace(/\(.*\)$/, '')
        .replace(/<\/?s>/g, '')
        .trim(),
    );
  let decoder: PocketsphinxDecoder;
  let clips: Int16Array[];
  let endMeans: Float32Array[];

  beforeAll(() => {
    decoder = PocketsphinxDecoder.create(library, options.decoderArguments);
    clips = ids.map((id) => heardOver(band, soxSamples(join(LIBRIVOX, `${id}.wav`))));
    endMeans = clips.map((clip) => decodeStream(decoder, clip).mean);
  });
  afterAll(() => decoder.free());

  it('is where live CMN ends up on real speech, averaged over the LibriVox clips', () => {
    const derived = average(endMeans);
    console.info(`derived ${band}band mean: ${Array.from(derived, (value) => value.toFixed(2)).join(', ')}`);
    EN_US_CEPSTRAL_MEANS[band].forEach((value, index) => expect(value).toBeCloseTo(derived[index], 1));
  });

  it("decodes speech with fewer errors than the model's -cmninit, each clip left out of the mean it is decoded with", () => {
    const fromModel = new WordErrorTotals();
    const fromPrior = new WordErrorTotals();
    clips.forEach((clip, index) => {
      fromModel.add(references[index], decodeStream(decoder, clip).text);
      fromPrior.add(references[index], decodeStream(decoder, clip, average(endMeans.filter((_, other) => other !== index))).text);
    });
    console.info(
      `LibriVox, ${band}band: WER from the model's -cmninit ${fromModel.rate.toFixed(3)}, from the prior ${fromPrior.rate.toFixed(3)}`,
    );
    expect(fromPrior.rate).toBeLessThan(fromModel.rate);
  });
});
