import type { EngineSegment } from '@tnt/server/util-engine';
import { Worker } from 'node:worker_threads';
import type { DecoderWorkerLaunch } from './decoder-worker-launch';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';
import type { DecoderWorkerSettings, FromDecoderWorkerMessage, SerializedError, ToDecoderWorkerMessage } from './worker-protocol';

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
}

interface StreamRoute {
  readonly slot: WorkerSlot;
  readonly events: PooledStreamEvents;
}

/** A worker that does not exit this long after `shutdown` is terminated. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * A fixed set of decoding threads. Each stream is pinned to one thread for its whole life
 * (its decoder state lives there), chosen as the thread with the fewest streams. A thread that
 * dies fails its streams and is replaced; the others keep serving.
 */
export class DecodingWorkerPool {
  private readonly slots: Array<WorkerSlot | null>;
  private readonly routes = new Map<number, StreamRoute>();
  private nextStreamId = 1;
  private stopping = false;

  constructor(
    private readonly settings: DecoderWorkerSettings,
    workerCount: number,
    private readonly launch: DecoderWorkerLaunch,
    private readonly onWorkerError: (error: PocketsphinxError) => void,
  ) {
    this.slots = new Array<WorkerSlot | null>(workerCount).fill(null);
  }

  /** Starts every thread and resolves once each has loaded a decoder; rejects on the first failure. */
  async start(): Promise<void> {
    const results = await Promise.allSettled(this.slots.map((_, index) => this.spawn(index)));
    const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) {
      await this.stop();
      throw failure.reason;
    }
  }

  /** Pins a new stream to the least busy thread and returns its id. */
  openStream(events: PooledStreamEvents): number {
    const slot = this.leastBusySlot();
    if (!slot) {
      throw new PocketsphinxError(PocketsphinxErrorCode.WorkerFailed, 'no decoding worker is running');
    }
    const streamId = this.nextStreamId++;
    slot.streamIds.add(streamId);
    this.routes.set(streamId, { slot, events });
    this.post(slot, { kind: 'open', streamId });
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
    route.slot.worker.postMessage({ kind: 'audio', streamId, samples: owned } satisfies ToDecoderWorkerMessage, [owned.buffer as ArrayBuffer]);
  }

  /** Asks the stream's thread to flush it; `onEnded` follows the last final. */
  endStream(streamId: number): void {
    const route = this.routes.get(streamId);
    if (route) this.post(route.slot, { kind: 'end', streamId });
  }

  /** Frees every decoder and stops every thread. Streams still open are not flushed. */
  async stop(): Promise<void> {
    this.stopping = true;
    const slots = this.slots.filter((slot): slot is WorkerSlot => slot !== null);
    this.slots.fill(null);
    await Promise.all(slots.map((slot) => this.shutDown(slot)));
  }

  private spawn(index: number): Promise<void> {
    const worker = new Worker(this.launch.script, { eval: this.launch.evaluate, workerData: this.settings });
    const slot: WorkerSlot = { index, worker, streamIds: new Set(), ready: false };
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
        } else if (message.kind === 'startup-failed') {
          failStartup(deserializeError(message.error));
          void worker.terminate();
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

  private route(message: Exclude<FromDecoderWorkerMessage, { kind: 'ready' | 'startup-failed' }>): void {
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

  /** Removes a slot and fails its streams; false when it was already retired. */
  private retire(slot: WorkerSlot, error: PocketsphinxError): boolean {
    if (this.slots[slot.index] !== slot) return false;
    this.slots[slot.index] = null;
    for (const streamId of slot.streamIds) {
      const route = this.routes.get(streamId);
      if (!route) continue;
      this.forget(streamId, route);
      route.events.onFailed(error);
    }
    return true;
  }

  private forget(streamId: number, route: StreamRoute): void {
    this.routes.delete(streamId);
    route.slot.streamIds.delete(streamId);
  }

  private leastBusySlot(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.slots) {
      if (slot && (!best || slot.streamIds.size < best.streamIds.size)) best = slot;
    }
    return best;
  }

  private post(slot: WorkerSlot, message: ToDecoderWorkerMessage): void {
    slot.worker.postMessage(message);
  }

  private async shutDown(slot: WorkerSlot): Promise<void> {
    const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
    slot.worker.postMessage({ kind: 'shutdown' } satisfies ToDecoderWorkerMessage);
    const timer = setTimeout(() => void slot.worker.terminate(), SHUTDOWN_GRACE_MS);
    await exited;
    clearTimeout(timer);
  }
}

function deserializeError(error: SerializedError): PocketsphinxError {
  return new PocketsphinxError(error.code, error.message);
}

function workerFailure(index: number, reason: string): PocketsphinxError {
  return new PocketsphinxError(PocketsphinxErrorCode.WorkerFailed, `decoding worker ${index} failed: ${reason}`);
}
