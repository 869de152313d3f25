import { Worker } from 'node:worker_threads';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import { deserializeError } from './serialized-error';
import type { ThreadLaunch } from './thread-launch';
import type { DecoderAddresses, DecoderLoaderSettings, FromDecoderLoaderMessage, ToDecoderLoaderMessage } from './worker-protocol';

/** How many decoders the stock keeps loaded beyond those in use. */
export interface DecoderStockPolicy {
  /** Decoders always kept loaded ahead of demand, so the next streams start at once. */
  readonly spareDecoders: number;
  /** A released decoder beyond the spares is freed after this long unused. */
  readonly idleDecoderTtlMs: number;
}

interface IdleDecoder {
  readonly addresses: DecoderAddresses;
  readonly releasedAt: number;
}

interface Waiter {
  resolve(decoder: DecoderAddresses): void;
  reject(error: PocketsphinxError): void;
}

/**
 * Loaded decoders waiting for streams. Loading one (~0.5 s of CPU, ~49 MB with a shared LM) runs on a thread of
 * its own, so a stream that opens never stalls the other streams of its decoding thread; a
 * decoder is handed over by address and comes back when its stream ends.
 *
 * Memory follows recent demand: released decoders are kept for reuse (a contact centre's
 * concurrency at this hour is the best guess for the next), and those beyond the spares are
 * freed once unused for `idleDecoderTtlMs`.
 */
export class DecoderStock {
  /** Most recently released last: reuse takes the newest, expiry removes the oldest. */
  private readonly idle: IdleDecoder[] = [];
  private readonly waiters: Waiter[] = [];
  private loader: Worker | null = null;
  private loaderExited: Promise<void> = Promise.resolve();
  private loadsInFlight = 0;
  /** The decoding thread each load in flight is for, in request order (the loader answers in order). */
  private readonly loadThreads: Array<number | null> = [];
  /** How many streams each decoding thread runs (null: not running); set when decoders are bound to threads. */
  private streamsOnThread: ((thread: number) => number | null) | null = null;
  private threadCount = 0;
  private loadsSettled: (() => void) | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private started = false;
  private stopping = false;

  constructor(
    private readonly settings: DecoderLoaderSettings,
    private readonly policy: DecoderStockPolicy,
    private readonly launch: ThreadLaunch,
    private readonly onLoadError: (error: PocketsphinxError) => void,
  ) {}

  /** Starts the loading thread and resolves once a first decoder loaded (bad models fail here). */
  async start(): Promise<void> {
    this.loader = this.spawnLoader();
    const first = new Promise<DecoderAddresses>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.requestLoad();
    try {
      this.release(await first);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.started = true;
    this.topUp();
    this.sweepTimer = setInterval(() => this.freeExpired(), Math.min(this.policy.idleDecoderTtlMs, 60_000));
    this.sweepTimer.unref();
  }

  /**
   * Binds the decoders loaded from now on to decoding threads `0..threadCount-1` (when the loader
   * shares language models): each load is for the thread with the fewest streams and decoders
   * ready for it, as `streamsOnThread` tells (null: the thread is not running).
   */
  bindToThreads(threadCount: number, streamsOnThread: (thread: number) => number | null): void {
    this.threadCount = threadCount;
    this.streamsOnThread = streamsOnThread;
  }

  /**
   * A loaded decoder for a new stream: at once when one is idle (preferably one for
   * `preferredThread`; a decoder bound to a thread must run on that thread), else as soon as one is loaded.
   */
  acquire(preferredThread: number | null = null): Promise<DecoderAddresses> {
    if (this.stopping) return Promise.reject(notRunning());
    let preferred = this.idle.length - 1;
    while (preferred >= 0 && this.idle[preferred].addresses.thread !== preferredThread) preferred--;
    const idle = preferred >= 0 ? this.idle.splice(preferred, 1)[0] : this.idle.pop();
    const decoder = idle
      ? Promise.resolve(idle.addresses)
      : new Promise<DecoderAddresses>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.topUp();
    return decoder;
  }

  /** Takes back the decoder of a stream that ended cleanly, for the next stream. */
  release(decoder: DecoderAddresses): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve(decoder);
    } else if (this.stopping) {
      this.post({ kind: 'free', decoder });
    } else {
      this.idle.push({ addresses: decoder, releasedAt: Date.now() });
    }
  }

  /** Frees a decoder that must not be reused (its stream's thread died). */
  discard(decoder: DecoderAddresses): void {
    this.post({ kind: 'free', decoder });
  }

  /** Decoders loaded and not in use right now. */
  get idleCount(): number {
    return this.idle.length;
  }

  /** Fails the streams still waiting, frees every idle decoder and stops the loading thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const waiter of this.waiters.splice(0)) waiter.reject(notRunning());
    if (this.loadsInFlight > 0) await new Promise<void>((resolve) => (this.loadsSettled = resolve));
    for (const idle of this.idle.splice(0)) this.post({ kind: 'free', decoder: idle.addresses });
    this.post({ kind: 'shutdown' });
    await this.loaderExited;
    this.loader = null;
  }

  /** Loads enough decoders that every waiting stream gets one and the spares are full. */
  private topUp(): void {
    const wanted = this.waiters.length + this.policy.spareDecoders - this.idle.length - this.loadsInFlight;
    for (let count = 0; count < wanted; count++) this.requestLoad();
  }

  private requestLoad(): void {
    const thread = this.threadForNextLoad();
    this.loadsInFlight++;
    this.loadThreads.push(thread);
    this.post({ kind: 'load', thread });
  }

  /** The running thread with the fewest streams, idle decoders and loads in flight; null when decoders are not bound. */
  private threadForNextLoad(): number | null {
    if (!this.streamsOnThread) return null;
    let best: number | null = null;
    let bestCount = Infinity;
    for (let thread = 0; thread < this.threadCount; thread++) {
      const streams = this.streamsOnThread(thread);
      if (streams === null) continue;
      const count =
        streams +
        this.idle.filter((idle) => idle.addresses.thread === thread).length +
        this.loadThreads.filter((loading) => loading === thread).length;
      if (count < bestCount) [best, bestCount] = [thread, count];
    }
    return best;
  }

  private loadSettled(): void {
    this.loadThreads.shift();
    this.loadsInFlight--;
    if (this.loadsInFlight === 0) this.loadsSettled?.();
  }

  private onLoaderMessage(message: FromDecoderLoaderMessage): void {
    if (message.kind === 'loaded') {
      this.release(message.decoder);
    } else {
      // A waiting stream learns why it got no decoder; the spares are retried on the next demand.
      const error = deserializeError(message.error);
      this.waiters.shift()?.reject(error);
      if (this.started) this.onLoadError(error);
    }
    this.loadSettled();
  }

  private freeExpired(): void {
    const expiredBefore = Date.now() - this.policy.idleDecoderTtlMs;
    while (this.idle.length > this.policy.spareDecoders && this.idle[0].releasedAt < expiredBefore) {
      const expired = this.idle.shift() as IdleDecoder;
      this.post({ kind: 'free', decoder: expired.addresses });
    }
  }

  private spawnLoader(): Worker {
    const loader = new Worker(this.launch.script, { eval: this.launch.evaluate, workerData: this.settings });
    loader.on('message', (message: FromDecoderLoaderMessage) => this.onLoaderMessage(message));
    loader.on('error', (error) => this.onLoaderDied(loader, error.message));
    this.loaderExited = new Promise<void>((resolve) =>
      loader.once('exit', (exitCode) => {
        resolve();
        this.onLoaderDied(loader, `the thread exited with code ${exitCode}`);
      }),
    );
    return loader;
  }

  /** Fails the streams waiting on a dead loading thread and, while running, starts a new one. */
  private onLoaderDied(loader: Worker, reason: string): void {
    if (this.loader !== loader) return;
    const error = new PocketsphinxError(PocketsphinxErrorCode.WorkerFailed, `the decoder-loading thread failed: ${reason}`);
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
    this.loadsInFlight = 0;
    this.loadThreads.length = 0;
    this.loadsSettled?.();
    // Before start() succeeded the failure belongs to start()'s caller, who stops the stock.
    if (this.stopping || !this.started) return;
    this.onLoadError(error);
    void loader.terminate();
    this.loader = this.spawnLoader();
  }

  private post(message: ToDecoderLoaderMessage): void {
    this.loader?.postMessage(message);
  }
}

function notRunning(): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.NotRunning, 'pocketsphinx engine is stopping: no decoder for a new stream');
}
