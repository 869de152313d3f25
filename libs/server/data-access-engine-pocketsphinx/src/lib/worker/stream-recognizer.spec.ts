import type { EngineSegment } from '@tnt/server/util-engine';
import { concatSamples, fliteSpeech } from '@tnt/shared/util-testing';
import { lineNoise, mixNoise } from '../../testing';
import { resolvePocketsphinxOptions } from '../pocketsphinx-options';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary } from './pocketsphinx-library';
import { StreamRecognizer } from './stream-recognizer';

const options = resolvePocketsphinxOptions();
const library = loadPocketsphinxLibrary(options.libraryPath);
library.err_set_logfp(null);

describe('StreamRecognizer', () => {
  let decoder: PocketsphinxDecoder;
  let hello: Int16Array;
  let weather: Int16Array;

  beforeAll(async () => {
    decoder = PocketsphinxDecoder.create(library, options.decoderArguments);
    hello = fliteSpeech('hello, my name is john. i am calling about my bill.', 16000, 'slt');
    weather = fliteSpeech('the weather today is sunny, with a light breeze from the west.', 16000, 'rms');
  });

  afterAll(() => decoder?.free());

  function recognize(...writes: Int16Array[]): EngineSegment[] {
    const segments: EngineSegment[] = [];
    const recognizer = new StreamRecognizer(decoder, { sampleRate: 16000, interimIntervalMs: 250, frameDurationMs: 10 }, (segment) =>
      segments.push(segment),
    );
    writes.forEach((pcm) => recognizer.write(pcm));
    recognizer.end();
    return segments;
  }

  const quiet = (durationMs: number) => new Int16Array(durationMs * 16);

  it('keeps comma and full-stop pauses inside one utterance and splits at a second of silence', () => {
    const audio = mixNoise(concatSamples([quiet(1000), hello, quiet(1000), weather, quiet(1000)]), lineNoise(1000));

    const finals = recognize(audio).filter((segment) => segment.isFinal);

    expect(finals.map((final) => final.id)).toEqual(['utterance-1', 'utterance-2']);
    // Both halves of each sentence land in the same final (the middle words vary by voice).
    expect(finals[0].text).toMatch(/^hello my name is john .* my bill$/);
    expect(finals[1].text).toMatch(/^the weather today .* from the west$/);
  });

  it('splits utterances even when all the audio arrives in a single write', () => {
    const audio = mixNoise(concatSamples([quiet(500), hello, quiet(800), weather, quiet(800)]), lineNoise(1000));

    expect(recognize(audio).filter((segment) => segment.isFinal)).toHaveLength(2);
  });

  it('hears nothing on a quiet line', () => {
    expect(recognize(lineNoise(5000, 30, 7), new Int16Array(16000))).toEqual([]);
  });
});
