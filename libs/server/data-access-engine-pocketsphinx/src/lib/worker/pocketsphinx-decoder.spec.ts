import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatSamples, fliteSpeech } from '@tnt/shared/util-testing';
import { lineNoise, mixNoise, nativeHeapBytesInUse } from '../../testing';
import { PocketsphinxErrorCode } from '../pocketsphinx-error';
import { resolvePocketsphinxOptions } from '../pocketsphinx-options';
import { toSpokenHypothesis } from './hypothesis';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary } from './pocketsphinx-library';

const options = resolvePocketsphinxOptions();
const library = loadPocketsphinxLibrary(options.libraryPath);
library.err_set_logfp(null);

/** Feeds the whole of `pcm` as one utterance and returns the final segmentation. */
function decodeUtterance(decoder: PocketsphinxDecoder, pcm: Int16Array) {
  decoder.startStream();
  for (let offset = 0; offset < pcm.length; offset += 1600) decoder.process(pcm.subarray(offset, offset + 1600));
  decoder.endUtterance();
  return toSpokenHypothesis(decoder.words(), options.frameDurationMs);
}

describe('PocketsphinxDecoder', () => {
  let directory: string;
  let speech: Int16Array;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'pocketsphinx-decoder-'));
    const sentence = fliteSpeech('my account has not been working since last week', 16000, 'slt');
    speech = mixNoise(concatSamples([new Int16Array(8000), sentence, new Int16Array(8000)]), lineNoise(500));
  });

  afterAll(() => rm(directory, { recursive: true, force: true }));

  // How long ps_init takes is a speed figure, measured where speed is measured: the speech
  // benchmark's decoder-load row (tools/bench/src/speech). This test keeps to what holds on any machine.
  it('takes tens of megabytes of native heap to create, and gives them all back when freed', () => {
    const heapBefore = nativeHeapBytesInUse();
    const decoders = [0, 1].map(() => PocketsphinxDecoder.create(library, options.decoderArguments));
    const megabytesPerDecoder = (nativeHeapBytesInUse() - heapBefore) / decoders.length / 2 ** 20;
    decoders.forEach((decoder) => decoder.free());
    const megabytesLeft = (nativeHeapBytesInUse() - heapBefore) / 2 ** 20;

    console.info(`ps_init: ${megabytesPerDecoder.toFixed(1)} MB of native heap per decoder`);
    expect(megabytesPerDecoder).toBeGreaterThan(20);
    expect(megabytesPerDecoder).toBeLessThan(200);
    expect(megabytesLeft).toBeLessThan(1);
  });

  it('times words from the start of the stream and restarts the clock for the next stream', () => {
    const decoder = PocketsphinxDecoder.create(library, options.decoderArguments);
    const first = decodeUtterance(decoder, speech);
    const reused = decodeUtterance(decoder, speech);
    decoder.free();

    expect(first?.text).toBe('my account has not been working since last week');
    // 500 ms of line noise, then flite's own ~200 ms lead-in before the first word.
    expect(first?.startMs).toBeGreaterThanOrEqual(500);
    expect(first?.startMs).toBeLessThan(900);
    expect(reused?.startMs).toBeCloseTo(first?.startMs ?? NaN, -2);
    expect(reused?.text).toBe(first?.text);
  });

  it("starts every stream from the model's cepstral mean, whatever voice and line the decoder heard before", () => {
    const decoder = PocketsphinxDecoder.create(library, options.decoderArguments);
    const atLoad = decoder.cepstralMean();
    const first = decodeUtterance(decoder, speech);
    const heardBefore = decoder.cepstralMean();
    // Another voice, quieter and on a noisier line: the live mean moves towards it.
    const other = mixNoise(
      concatSamples([
        new Int16Array(8000),
        fliteSpeech('please hold while i check that for you', 16000, 'rms').map((sample) => sample >> 2),
      ]),
      lineNoise(3000),
    );
    decodeUtterance(decoder, other);
    decoder.startStream();
    const atNextStream = decoder.cepstralMean();
    decoder.endUtterance();
    const again = decodeUtterance(decoder, speech);
    decoder.free();

    expect(Array.from(heardBefore)).not.toEqual(Array.from(atLoad));
    expect(Array.from(atNextStream)).toEqual(Array.from(atLoad));
    // Words and timing as a fresh decoder's; the posterior only to 3 places (the noise estimate is the decoder's own).
    expect({ ...again, meanPosterior: undefined }).toEqual({ ...first, meanPosterior: undefined });
    expect(again?.meanPosterior).toBeCloseTo(first?.meanPosterior ?? NaN, 3);
  });

  it('gives final words real posteriors between 0 and 1', () => {
    const decoder = PocketsphinxDecoder.create(library, options.decoderArguments);
    decodeUtterance(decoder, speech);
    const posteriors = decoder.words().map((word) => word.posterior);
    decoder.free();

    expect(posteriors.every((posterior) => posterior > 0 && posterior <= 1)).toBe(true);
    expect(posteriors.some((posterior) => posterior < 0.999)).toBe(true);
  });

  it('fails with the model paths when the models cannot be loaded', () => {
    const broken = resolvePocketsphinxOptions({ dictionaryPath: join(directory, 'missing.dict') });

    expect(() => PocketsphinxDecoder.create(library, broken.decoderArguments)).toThrow(
      expect.objectContaining({ code: PocketsphinxErrorCode.DecoderFailed, message: expect.stringContaining('missing.dict') }),
    );
  });
});
