import type { AudioBand } from './audio-band';
import type { EngineStreamListener, TranscriptionStream } from '@tnt/server/util-engine';
import type { DecodingWorkerPool } from './decoding-worker-pool';
import { PocketsphinxError, PocketsphinxErrorCode } from './pocketsphinx-error';

type StreamState = 'open' | 'ending' | 'ended' | 'failed';

/**
 * One speaker's stream on the pocketsphinx engine: audio goes to the decoding thread the stream
 * is pinned to; segments and failures come back to the listener.
 */
export class PocketsphinxStream implements TranscriptionStream {
  private readonly streamId: number;
  private state: StreamState = 'open';
  private failure: PocketsphinxError | null = null;
  private ending: Promise<void> | null = null;
  private settleEnd: { resolve: () => void; reject: (error: Error) => void } | null = null;

  constructor(
    private readonly pool: DecodingWorkerPool,
    band: AudioBand,
    private readonly listener: EngineStreamListener,
    private readonly onDone: (stream: PocketsphinxStream) => void,
  ) {
    this.streamId = pool.openStream(band, {
      onSegment: (segment) => listener.onSegment(segment),
      onEnded: () => this.finish(),
      onFailed: (error) => this.fail(error),
    });
  }

  /**
   * Queues 16 kHz PCM. Takes ownership of `pcm`: when it spans its whole ArrayBuffer, that
   * buffer is moved to the decoding thread without copying and `pcm` is empty afterwards;
   * any other view is copied. Writes after a reported failure are dropped.
   */
  write(pcm: Int16Array): void {
    if (this.state === 'failed') return;
    if (this.state !== 'open') {
      throw new PocketsphinxError(PocketsphinxErrorCode.StreamEnded, 'write() after end() on a pocketsphinx stream');
    }
    if (pcm.length > 0) this.pool.sendAudio(this.streamId, pcm);
  }

  /**
   * Flushes the decoder: the utterance in progress, if any, becomes a final. Resolves after
   * the last segment was delivered; rejects with the stream's error if it failed instead.
   */
  end(): Promise<void> {
    if (this.ending) return this.ending;
    if (this.state === 'failed') {
      this.ending = Promise.reject(this.failure as PocketsphinxError);
      return this.ending;
    }
    this.state = 'ending';
    this.ending = new Promise<void>((resolve, reject) => (this.settleEnd = { resolve, reject }));
    this.pool.endStream(this.streamId);
    return this.ending;
  }

  private finish(): void {
    this.state = 'ended';
    this.settleEnd?.resolve();
    this.onDone(this);
  }

  private fail(error: PocketsphinxError): void {
    this.state = 'failed';
    this.failure = error;
    this.listener.onError(error);
    this.settleEnd?.reject(error);
    this.onDone(this);
  }
}
