import { concatSamples, fliteSpeech } from '@tnt/shared/util-testing';
import { lineNoise, mixNoise, nativeHeapBytesInUse } from '../../testing';
import { resolvePocketsphinxOptions } from '../pocketsphinx-options';
import type { DecoderAddresses, FromDecoderLoaderMessage } from '../worker-protocol';
import { DecoderLoaderHost } from './decoder-loader-host';
import { toSpokenHypothesis } from './hypothesis';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary } from './pocketsphinx-library';

const options = resolvePocketsphinxOptions();
const library = loadPocketsphinxLibrary(options.libraryPath);

/** A loading host run on the test's own thread, so its allocations show in this thread's heap. */
function loaderHost(shareLanguageModel: boolean) {
  const answers: FromDecoderLoaderMessage[] = [];
  const host = new DecoderLoaderHost({ ...options, shareLanguageModel }, (message) => answers.push(message));
  const load = (thread: number | null): DecoderAddresses => {
    host.handle({ kind: 'load', thread });
    const answer = answers.shift();
    if (answer?.kind !== 'loaded') throw new Error(`load failed: ${JSON.stringify(answer)}`);
    return answer.decoder;
  };
  return { host, load };
}

function megabytesSince(heapBefore: number): number {
  return (nativeHeapBytesInUse() - heapBefore) / 2 ** 20;
}

function recognize(addresses: DecoderAddresses, pcm: Int16Array): string | undefined {
  const decoder = PocketsphinxDecoder.adopt(library, addresses);
  decoder.startStream();
  for (let offset = 0; offset < pcm.length; offset += 1600) decoder.process(pcm.subarray(offset, offset + 1600));
  decoder.endUtterance();
  return toSpokenHypothesis(decoder.words(), options.frameDurationMs)?.text;
}

describe('DecoderLoaderHost', () => {
  it('reads one language model for the decoders of every decoding thread, each thread through a view of its own', () => {
    const { host, load } = loaderHost(true);
    // The cut-down dictionary is made once, with the first decoder; its JavaScript garbage is not the decoders'.
    host.handle({ kind: 'free', decoder: load(0) });
    const heapBefore = nativeHeapBytesInUse();
    const first = load(0);
    const firstMegabytes = megabytesSince(heapBefore);
    const second = load(0);
    const secondMegabytes = megabytesSince(heapBefore) - firstMegabytes;
    const otherThread = load(1);
    const otherThreadMegabytes = megabytesSince(heapBefore) - firstMegabytes - secondMegabytes;
    for (const decoder of [first, second, otherThread]) host.handle({ kind: 'free', decoder });
    host.handle({ kind: 'shutdown' });
    console.info(
      `shared LM: first decoder ${firstMegabytes.toFixed(1)} MB, next of its thread ${secondMegabytes.toFixed(1)} MB, ` +
        `first of another thread ${otherThreadMegabytes.toFixed(1)} MB`,
    );
    expect([first.thread, second.thread, otherThread.thread]).toEqual([0, 0, 1]);
    // The model is ~32 MB: the first decoder reads it, the next of its thread and the first of another thread do
    // without (a view is two headers, 200 bytes); the margin is the allocator's noise on a busy machine.
    expect(firstMegabytes - secondMegabytes).toBeGreaterThan(20);
    expect(Math.abs(otherThreadMegabytes - secondMegabytes)).toBeLessThan(8);
    // Every decoder, view and the model (freed with the last view) are given back: what stays is the
    // allocator's own bookkeeping (1.3 MB seen), far below one model (~32 MB) or decoder (~49 MB) kept.
    expect(megabytesSince(heapBefore)).toBeLessThan(8);
  });

  it('loads a whole model and dictionary per decoder, bound to no thread, when sharing is off', () => {
    const { host, load } = loaderHost(false);
    const heapBefore = nativeHeapBytesInUse();
    const first = load(0);
    const firstMegabytes = megabytesSince(heapBefore);
    const second = load(0);
    const secondMegabytes = megabytesSince(heapBefore) - firstMegabytes;
    for (const decoder of [first, second]) host.handle({ kind: 'free', decoder });
    host.handle({ kind: 'shutdown' });

    expect([first.thread, second.thread]).toEqual([null, null]);
    // Each loads its own model (~32 MB) and dictionary: both cost about as much. The margin is the
    // allocator's noise under a busy machine (8.3 MB seen), still far below one model left out.
    expect(Math.abs(firstMegabytes - secondMegabytes)).toBeLessThan(12);
  });

  it("recognises the same words through any thread's view of the shared model and the cut-down dictionary as with its own", () => {
    const sentence = fliteSpeech('i would like to cancel my subscription please', 16000, 'rms');
    const speech = mixNoise(concatSamples([new Int16Array(8000), sentence, new Int16Array(8000)]), lineNoise(500));
    const shared = loaderHost(true);
    const own = loaderHost(false);
    const sharedDecoders = [shared.load(0), shared.load(0), shared.load(1)];
    const ownDecoder = own.load(null);

    const texts = sharedDecoders.map((decoder) => recognize(decoder, speech));
    const ownText = recognize(ownDecoder, speech);
    for (const decoder of sharedDecoders) shared.host.handle({ kind: 'free', decoder });
    own.host.handle({ kind: 'free', decoder: ownDecoder });
    shared.host.handle({ kind: 'shutdown' });
    own.host.handle({ kind: 'shutdown' });

    expect(ownText).toContain('cancel');
    expect(texts).toEqual([ownText, ownText, ownText]);
  });

  it('fails the load with the path of a dictionary it cannot read', () => {
    const answers: FromDecoderLoaderMessage[] = [];
    const host = new DecoderLoaderHost({ ...options, shareLanguageModel: true, dictionaryPath: '/nonexistent/words.dict' }, (message) =>
      answers.push(message),
    );
    host.handle({ kind: 'load', thread: 0 });
    host.handle({ kind: 'shutdown' });

    expect(answers).toEqual([{ kind: 'load-failed', error: expect.objectContaining({ message: expect.stringContaining('words.dict') }) }]);
  });
});
