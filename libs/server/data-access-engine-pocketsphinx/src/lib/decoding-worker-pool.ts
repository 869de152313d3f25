import type { AudioBand } from './audio-band';
import type { EngineSegment } from '@tnt/server/util-engine';
import { Worker } from 'node:worker_threads';
import type { DecoderStock } from './decoder-stock';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import { RealTimeFactorAverage } from './real-time-factor-average';
import { deserializeError } from './serialized-error';
import type { ThreadLaunch } from './thread-launch';
import type { DecoderAddresses, DecoderWorkerSettings, FromDecoderWorkerMessage, ToDecoderWorkerMessage } from './worker-protocol';

/** What the pool reports about one stream. */
export interface PooledStreamEvents {
  onSegment(segment: EngineSegment): void;
  onEnded(): void;
  onFailed(error: PocketsphinxError): void;
}

interface WorkerSlot {
  readonly index: number;
  readonly worker: Worker;
  readonly streamIds: Set<number>;
  ready: boolean;
  /** Audio posted to the thread that it has not reported `decoded` yet. */
  queuedSamples: number;
}

/** How far behind the pool's decoding runs and what it costs. */
export interface PoolLoad {
  /** Samples queued on the thread that is furthest behind. */
  readonly mostQueuedSamples: number;
  /** Decoding time per second of audio, recent average; null before any audio was decoded. */
  readonly realTimeFactor: number | null;
}

/** The real-time factor is averaged over about this much decoded audio (all streams together). */
const REAL_TIME_FACTOR_SPAN_SECONDS = 60;

interface StreamRoute {
  /** The stream's thread: the least busy at open, or the one its decoder is bound to once that arrives. */
  slot: WorkerSlot;
  /** The bandwidth the stream's audio was captured at. */
  readonly band: AudioBand;
  readonly events: PooledStreamEvents;
  /** The stream's decoder once the stock handed one over. */
  decoder: DecoderAddresses | null;
  /** What the stream sent while it waited for its decoder, in order; null once it has one. */
  waiting: Array<{ readonly message: ToDecoderWorkerMessage; readonly transfer: ArrayBuffer[] }> | null;
}

/** A worker that does not exit this long after `shutdown` is terminated. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * A fixed set of decoding threads. Each stream is pinned to one thread for its whole life,
 * chosen as the thread with the fewest streams, and decodes on a decoder from the
 * {@link DecoderStock}; what it sends before its decoder arrives waits here, in order. A thread
 * that dies fails its streams and is replaced; the others keep serving.
 */
export class DecodingWorkerPool {
  private readonly slots: Array<WorkerSlot | null>;
  private readonly routes = new Map<number, StreamRoute>();
  private nextStreamId = 1;
  private stopping = false;
  private readonly realTimeFactor = new RealTimeFactorAverage(REAL_TIME_FACTOR_SPAN_SECONDS);

  constructor(
    private readonly settings: DecoderWorkerSettings,
    workerCount: number,
    private readonly launch: ThreadLaunch,
    private readonly decoders: DecoderStock,
    private readonly onWorkerError: (error: PocketsphinxError) => void,
  ) {
    this.slots = new Array<WorkerSlot | null>(workerCount).fill(null);
    // A thread being replaced keeps its index, and its decoders wait for the replacement.
    decoders.bindToThreads(workerCount, (thread) => (this.stopping ? null : (this.slots[thread]?.streamIds.size ?? 0)));
  }

  /** Starts every thread and resolves once each has bound the library; rejects on the first failure. */
  async start(): Promise<void> {
    const results = await Promise.allSettled(this.slots.map((_, index) => this.spawn(index)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await this.stop();
      throw failure.reason;
    }
  }

  /** Pins a new stream to the least busy thread and returns its id; it decodes once the stock hands it a decoder. */
  openStream(band: AudioBand, events: PooledStreamEvents): number {
    const slot = this.leastBusySlot();
    if (!slot) {
      throw new PocketsphinxError(PocketsphinxErrorCode.WorkerFailed, 'no decoding worker is running');
    }
    const streamId = this.nextStreamId++;
    const route: StreamRoute = { slot, band, events, decoder: null, waiting: [] };
    slot.streamIds.add(streamId);
    this.routes.set(streamId, route);
    this.acquireDecoder(streamId, route);
    return streamId;
  }

  /** Hands `samples` to the stream's thread, transferring the buffer when `samples` spans all of it. */
  sendAudio(streamId: number, samples: Int16Array): void {
    const route = this.routes.get(streamId);
    if (!route) return;
    const spansWholeBuffer =
      samples.buffer instanceof ArrayBuffer && samples.byteOffset === 0 && samples.byteLength === samples.buffer.byteLength;
    // Cloning a view clones its whole underlying buffer, so a partial view is cut out first.
    const owned = spansWholeBuffer ? samples : samples.slice();
    this.send(route, { kind: 'audio', streamId, samples: owned }, [owned.buffer as ArrayBuffer]);
  }

  /** Asks the stream's thread to flush it; `onEnded` follows the last final. */
  endStream(streamId: number): void {
    const route = this.routes.get(streamId);
    if (route) this.send(route, { kind: 'end', streamId });
  }

  /** The queue of the thread furthest behind and the recent real-time factor, as the threads reported them. */
  load(): PoolLoad {
    let mostQueuedSamples = 0;
    for (const slot of this.slots) if (slot) mostQueuedSamples = Math.max(mostQueuedSamples, slot.queuedSamples);
    return { mostQueuedSamples, realTimeFactor: this.realTimeFactor.value };
  }

  /** Frees every decoder in use and stops every thread. Streams still open are not flushed. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.routes.clear();
    const slots = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    this.slots.fill(null);
    await Promise.all(slots.map((slot) => this.shutDown(slot)));
  }

  private acquireDecoder(streamId: number, route: StreamRoute): void {
    this.decoders.acquire(route.slot.index).then(
      (decoder) => this.attach(streamId, route, decoder),
      (error: PocketsphinxError) => {
        if (this.routes.get(streamId) !== route) return;
        this.forget(streamId, route);
        route.events.onFailed(error);
      },
    );
  }

  /** Opens the stream on its thread with its decoder, then sends what it queued meanwhile. */
  private attach(streamId: number, route: StreamRoute, decoder: DecoderAddresses): void {
    if (this.routes.get(streamId) !== route) {
      // The stream failed or the pool stopped while the decoder was on its way; it is unused.
      this.decoders.release(decoder);
      return;
    }
    if (decoder.thread !== null && decoder.thread !== route.slot.index) {
      const bound = this.slots[decoder.thread];
      if (!bound) {
        // Its thread is gone without a replacement (not expected: one is started at once): free it, take another.
        this.decoders.discard(decoder);
        this.acquireDecoder(streamId, route);
        return;
      }
      this.move(streamId, route, bound);
    }
    route.decoder = decoder;
    this.post(route.slot, { kind: 'open', streamId, decoder, band: route.band });
    const waiting = route.waiting ?? [];
    route.waiting = null;
    for (const { message, transfer } of waiting) this.post(route.slot, message, transfer);
  }

  /** Moves a stream that is still waiting for its decoder, and the audio it queued, to another thread. */
  private move(streamId: number, route: StreamRoute, to: WorkerSlot): void {
    let queued = 0;
    for (const { message } of route.waiting ?? []) if (message.kind === 'audio') queued += message.samples.length;
    route.slot.streamIds.delete(streamId);
    route.slot.queuedSamples = Math.max(0, route.slot.queuedSamples - queued);
    to.streamIds.add(streamId);
    to.queuedSamples += queued;
    route.slot = to;
  }

  /** Posts to the stream's thread, or queues until its decoder arrives; audio counts onto the thread's queue either way. */
  private send(route: StreamRoute, message: ToDecoderWorkerMessage, transfer: ArrayBuffer[] = []): void {
    // Counted before the transfer empties the samples.
    if (message.kind === 'audio') route.slot.queuedSamples += message.samples.length;
    if (route.waiting) {
      route.waiting.push({ message, transfer });
    } else {
      this.post(route.slot, message, transfer);
    }
  }

  /** Takes reported progress off the thread's queue; the time spent feeds the real-time factor. */
  private decoded(slot: WorkerSlot, samples: number, busyMs: number): void {
    slot.queuedSamples = Math.max(0, slot.queuedSamples - samples);
    this.realTimeFactor.record(samples / this.settings.sampleRate, busyMs / 1000);
  }

  private spawn(index: number): Promise<void> {
    const worker = new Worker(this.launch.script, { eval: this.launch.evaluate, workerData: this.settings });
    const slot: WorkerSlot = { index, worker, streamIds: new Set(), ready: false, queuedSamples: 0 };
    this.slots[index] = slot;
    return new Promise<void>((resolve, reject) => {
      const failStartup = (error: PocketsphinxError) => {
        this.retire(slot, error);
        reject(error);
      };
      worker.on('message', (message: FromDecoderWorkerMessage) => {
        if (message.kind === 'ready') {
          slot.ready = true;
          resolve();
        } else if (message.kind === 'decoded') {
          this.decoded(slot, message.samples, message.busyMs);
        } else {
          this.route(message);
        }
      });
      worker.on('error', (error) => {
        const failure = workerFailure(index, error.message);
        if (slot.ready) this.replace(slot, failure);
        else failStartup(failure);
      });
      worker.on('exit', (exitCode) => {
        if (this.stopping) return;
        const failure = workerFailure(index, `the thread exited with code ${exitCode}`);
        if (slot.ready) this.replace(slot, failure);
        else failStartup(failure);
      });
    });
  }

  private route(message: Exclude<FromDecoderWorkerMessage, { kind: 'ready' | 'decoded' }>): void {
    // A decoder coming back is the stock's even when its stream was forgotten meanwhile (stop()).
    if (message.kind === 'stream-ended') this.decoders.release(message.decoder);
    if (message.kind === 'discarded') {
      this.decoders.discard(message.decoder);
      return;
    }
    const route = this.routes.get(message.streamId);
    if (!route) return;
    switch (message.kind) {
      case 'segment':
        route.events.onSegment(message.segment);
        return;
      case 'stream-ended':
        this.forget(message.streamId, route);
        route.events.onEnded();
        return;
      case 'stream-failed':
        this.forget(message.streamId, route);
        route.events.onFailed(deserializeError(message.error));
        return;
    }
  }

  /** Fails the streams of a dead thread and starts a new thread in its place. */
  private replace(slot: WorkerSlot, error: PocketsphinxError): void {
    if (!this.retire(slot, error)) return;
    this.onWorkerError(error);
    void slot.worker.terminate();
    if (this.stopping) return;
    this.spawn(slot.index).catch((replacementError: PocketsphinxError) => this.onWorkerError(replacementError));
  }

  /** Removes a slot and fails its streams, freeing their decoders; false when it was already retired. */
  private retire(slot: WorkerSlot, error: PocketsphinxError): boolean {
    if (this.slots[slot.index] !== slot) return false;
    this.slots[slot.index] = null;
    for (const streamId of slot.streamIds) {
      const route = this.routes.get(streamId);
      if (!route) continue;
      this.forget(streamId, route);
      // The thread is gone, so nobody is inside the decoder; its state mid-stream is unknown.
      if (route.decoder) this.decoders.discard(route.decoder);
      route.events.onFailed(error);
    }
    return true;
  }

  private forget(streamId: number, route: StreamRoute): void {
    this.routes.delete(streamId);
    route.slot.streamIds.delete(streamId);
    // Audio that waited for a decoder never reaches the thread, so the thread will not report it decoded.
    for (const { message } of route.waiting ?? []) {
      if (message.kind === 'audio') route.slot.queuedSamples = Math.max(0, route.slot.queuedSamples - message.samples.length);
    }
    route.waiting = null;
  }

  private leastBusySlot(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.slots) {
      if (slot && (!best || slot.streamIds.size < best.streamIds.size)) best = slot;
    }
    return best;
  }

  private post(slot: WorkerSlot, message: ToDecoderWorkerMessage, transfer: ArrayBuffer[] = []): void {
    slot.worker.postMessage(message, transfer);
  }

  private async shutDown(slot: WorkerSlot): Promise<void> {
    const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
    slot.worker.postMessage({ kind: 'shutdown' } satisfies ToDecoderWorkerMessage);
    const timer = setTimeout(() => void slot.worker.terminate(), SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

function workerFailure(index: number, reason: string): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.WorkerFailed, `decoding worker ${index} failed: ${reason}`);
}
