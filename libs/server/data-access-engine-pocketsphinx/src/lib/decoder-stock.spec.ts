import { join } from 'node:path';
import { DecoderStock, type DecoderStockPolicy } from './decoder-stock';
import { PocketsphinxErrorCode, type PocketsphinxError } from './pocketsphinx-error';
import { resolvePocketsphinxOptions } from './pocketsphinx-options';
import { resolveThreadLaunch } from './thread-launch';
import { eventually } from '@tnt/shared/util-testing/eventually';

function stockWith(policy: DecoderStockPolicy, errors: PocketsphinxError[] = [], dictionaryPath?: string): DecoderStock {
  const options = resolvePocketsphinxOptions(dictionaryPath ? { dictionaryPath } : {});
  return new DecoderStock(options, policy, resolveThreadLaunch('decoder-loader'), (error) => errors.push(error));
}

describe('DecoderStock', () => {
  it('loads its spares ahead of demand and hands each decoder to one stream at a time', async () => {
    const stock = stockWith({ spareDecoders: 2, idleDecoderTtlMs: 60_000 });
    await stock.start();
    await eventually(() => stock.idleCount === 2, 'both spares loaded', { timeoutMs: 10_000 });

    const taken = await Promise.all([stock.acquire(), stock.acquire(), stock.acquire()]);
    stock.release(taken[0]);
    const reused = await stock.acquire();
    for (const decoder of [...taken.slice(1), reused]) stock.release(decoder);
    await stock.stop();

    expect(new Set(taken.map((decoder) => decoder.decoder)).size).toBe(3);
    expect(reused).toEqual(taken[0]);
  });

  it('binds each decoder it loads to the decoding thread with the fewest streams and decoders ready for it', async () => {
    const stock = stockWith({ spareDecoders: 2, idleDecoderTtlMs: 60_000 });
    const streamsOnThread = [1, 0];
    stock.bindToThreads(2, (thread) => streamsOnThread[thread]);
    await stock.start();
    await eventually(() => stock.idleCount === 2, 'both spares loaded', { timeoutMs: 10_000 });

    // Thread 1 had no stream: the first spare is its; then both threads count one, and the tie goes to thread 0.
    const forThreadZero = await stock.acquire(0);
    const forThreadOne = await stock.acquire(1);
    stock.release(forThreadOne);
    const noneForThreadZero = await stock.acquire(0);
    for (const decoder of [forThreadZero, noneForThreadZero]) stock.release(decoder);
    await stock.stop();

    expect([forThreadZero.thread, forThreadOne.thread]).toEqual([0, 1]);
    // A stream on thread 0 still gets a decoder at once: one bound to thread 1, where it then runs.
    expect(noneForThreadZero).toEqual(forThreadOne);
  });

  it('frees decoders beyond the spares once they stayed unused for the idle time', async () => {
    const stock = stockWith({ spareDecoders: 1, idleDecoderTtlMs: 100 });
    await stock.start();
    const taken = await Promise.all([stock.acquire(), stock.acquire(), stock.acquire()]);
    for (const decoder of taken) stock.release(decoder);
    const idleRightAfter = stock.idleCount;

    await eventually(() => stock.idleCount === 1, 'the decoders beyond the spare freed', { timeoutMs: 3000 });
    await stock.stop();

    expect(idleRightAfter).toBeGreaterThanOrEqual(3);
  });

  it('rejects start() with the decoder error when the models cannot be loaded', async () => {
    const errors: PocketsphinxError[] = [];
    const stock = stockWith({ spareDecoders: 2, idleDecoderTtlMs: 60_000 }, errors, join(__dirname, 'no-such.dict'));

    await expect(stock.start()).rejects.toMatchObject({
      code: PocketsphinxErrorCode.DecoderFailed,
      message: expect.stringContaining('no-such.dict'),
    });
    // The failure is start()'s caller's to report; nothing else was loaded or reported.
    expect(errors).toEqual([]);
  });

  it('fails streams still waiting for a decoder when it stops', async () => {
    const stock = stockWith({ spareDecoders: 0, idleDecoderTtlMs: 60_000 });
    await stock.start();
    const first = await stock.acquire();
    const waiting = stock.acquire();

    const stopped = stock.stop();
    await expect(waiting).rejects.toMatchObject({ code: PocketsphinxErrorCode.NotRunning });
    stock.release(first);
    await stopped;
    await expect(stock.acquire()).rejects.toMatchObject({ code: PocketsphinxErrorCode.NotRunning });
  });
});
