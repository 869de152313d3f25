import { concatSamples, fliteSpeech } from '@tnt/shared/util-testing';
import { DecoderStock } from './decoder-stock';
import { DecodingWorkerPool, type PooledStreamEvents } from './decoding-worker-pool';
import { PocketsphinxErrorCode, type PocketsphinxError } from './pocketsphinx-error';
import { POCKETSPHINX_SAMPLE_RATE, resolvePocketsphinxOptions } from './pocketsphinx-options';
import { resolveThreadLaunch, type ThreadLaunch } from './thread-launch';
import { eventually } from '@tnt/shared/util-testing/eventually';

const options = resolvePocketsphinxOptions({ spareDecoders: 1 });
const workerSettings = { ...options, sampleRate: POCKETSPHINX_SAMPLE_RATE };

/** A thread that starts like a decoding worker and then dies on its first stream. */
const DIES_ON_FIRST_STREAM: ThreadLaunch = {
  evaluate: true,
  script: `
    const { parentPort } = require('node:worker_threads');
    parentPort.postMessage({ kind: 'ready' });
    parentPort.on('message', (message) => {
      if (message.kind === 'open') process.exit(3);
      if (message.kind === 'shutdown') parentPort.close();
    });`,
};

function recordingEvents() {
  const failures: PocketsphinxError[] = [];
  const events: PooledStreamEvents = { onSegment: () => undefined, onEnded: () => undefined, onFailed: (error) => failures.push(error) };
  return { events, failures };
}

describe('DecodingWorkerPool', () => {
  let decoders: DecoderStock;

  beforeAll(async () => {
    decoders = new DecoderStock(options, options, resolveThreadLaunch('decoder-loader'), (error) => {
      throw error;
    });
    await decoders.start();
  });

  afterAll(() => decoders.stop());

  it('fails the streams of a thread that dies, reports it and starts a replacement', async () => {
    const workerErrors: PocketsphinxError[] = [];
    const pool = new DecodingWorkerPool(workerSettings, 1, DIES_ON_FIRST_STREAM, decoders, (error) => workerErrors.push(error));
    await pool.start();
    const first = recordingEvents();

    pool.openStream('wide', first.events);
    await eventually(() => first.failures.length > 0, 'the first stream failed', { timeoutMs: 10_000 });
    // The replacement takes new streams at once; they wait in its queue while it starts.
    const second = recordingEvents();
    pool.openStream('wide', second.events);
    await eventually(() => second.failures.length > 0, 'the second stream failed', { timeoutMs: 10_000 });
    await pool.stop();

    expect(first.failures[0]).toMatchObject({
      code: PocketsphinxErrorCode.WorkerFailed,
      message: 'decoding worker 0 failed: the thread exited with code 3',
    });
    expect(second.failures[0]).toMatchObject({ code: PocketsphinxErrorCode.WorkerFailed });
    expect(workerErrors).toHaveLength(2);
  });

  it('streams opened before any decoder is free wait for one, then decode what they sent meanwhile', async () => {
    const speech = concatSamples([fliteSpeech('please check my order', 16000, 'slt'), new Int16Array(16000)]);
    const pool = new DecodingWorkerPool(workerSettings, 1, resolveThreadLaunch('decoder-worker'), decoders, (error) => {
      throw error;
    });
    await pool.start();
    const finals = new Map<number, string[]>();
    // More streams than spares: the last ones wait for a decoder to be loaded or handed back.
    const streams = [0, 1, 2, 3].map((index) =>
      pool.openStream('wide', {
        onSegment: (segment) => segment.isFinal && finals.set(index, [...(finals.get(index) ?? []), segment.text]),
        onEnded: () => finals.set(index, finals.get(index) ?? []),
        onFailed: (error) => {
          throw error;
        },
      }),
    );
    for (const streamId of streams) {
      pool.sendAudio(streamId, speech.slice());
      pool.endStream(streamId);
    }
    await eventually(() => finals.size === streams.length, 'every stream ended', { timeoutMs: 20_000 });
    await pool.stop();

    expect([...finals.keys()].sort()).toEqual([0, 1, 2, 3]);
    for (const texts of finals.values()) expect(texts.join(' ')).toContain('order');
  });
});
