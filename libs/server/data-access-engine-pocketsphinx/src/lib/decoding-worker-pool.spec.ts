import { join } from 'node:path';
import { resolveDecoderWorkerLaunch, type DecoderWorkerLaunch } from './decoder-worker-launch';
import { DecodingWorkerPool, type PooledStreamEvents } from './decoding-worker-pool';
import { PocketsphinxErrorCode, type PocketsphinxError } from './pocketsphinx-error';
import { POCKETSPHINX_SAMPLE_RATE, resolvePocketsphinxOptions } from './pocketsphinx-options';
import type { DecoderWorkerSettings } from './worker-protocol';

function settingsFor(options: Parameters<typeof resolvePocketsphinxOptions>[0]): DecoderWorkerSettings {
  const resolved = resolvePocketsphinxOptions(options);
  return { ...resolved, sampleRate: POCKETSPHINX_SAMPLE_RATE };
}

/** A thread that starts like a decoding worker and then dies on its first stream. */
const DIES_ON_FIRST_STREAM: DecoderWorkerLaunch = {
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
  it('fails the streams of a thread that dies, reports it and starts a replacement', async () => {
    const workerErrors: PocketsphinxError[] = [];
    const pool = new DecodingWorkerPool(settingsFor({}), 1, DIES_ON_FIRST_STREAM, (error) => workerErrors.push(error));
    await pool.start();
    const first = recordingEvents();

    pool.openStream(first.events);
    await waitFor(() => first.failures.length > 0);
    // The replacement takes new streams at once; they wait in its queue while it starts.
    const second = recordingEvents();
    pool.openStream(second.events);
    await waitFor(() => second.failures.length > 0);
    await pool.stop();

    expect(first.failures[0]).toMatchObject({ code: PocketsphinxErrorCode.WorkerFailed, message: 'decoding worker 0 failed: the thread exited with code 3' });
    expect(second.failures[0]).toMatchObject({ code: PocketsphinxErrorCode.WorkerFailed });
    expect(workerErrors).toHaveLength(2);
  });

  it('rejects start() with the decoder error when a thread cannot load the models', async () => {
    const pool = new DecodingWorkerPool(
      settingsFor({ dictionaryPath: join(__dirname, 'no-such.dict') }),
      1,
      resolveDecoderWorkerLaunch(),
      (error) => {
        throw error;
      },
    );

    await expect(pool.start()).rejects.toMatchObject({ code: PocketsphinxErrorCode.DecoderFailed, message: expect.stringContaining('no-such.dict') });
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
