import type { AudioBand } from '../audio-band';
import type { EngineSegment } from '@tnt/server/util-engine';
import { serializeError } from '../serialized-error';
import type { DecoderAddresses, DecoderWorkerSettings, FromDecoderWorkerMessage, ToDecoderWorkerMessage } from '../worker-protocol';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary, type PocketsphinxLibrary } from './pocketsphinx-library';
import { StreamRecognizer } from './stream-recognizer';

interface ActiveStream {
  readonly decoder: PocketsphinxDecoder;
  readonly recognizer: StreamRecognizer;
}

/**
 * Everything one decoding thread does: runs one {@link StreamRecognizer} per stream on the
 * decoder that came with the stream's `open`, and hands the decoder back when the stream ends.
 * It never loads a decoder itself (that takes ~0.5 s, during which every other stream on the
 * thread would stall). Failures of one stream are reported for that stream only; the thread
 * keeps serving the rest.
 */
export class DecoderWorkerHost {
  private readonly library: PocketsphinxLibrary;
  private readonly streams = new Map<number, ActiveStream>();
  /** Audio taken off the queue and time spent on it since the last `decoded` report; null when nothing is pending. */
  private progress: { samples: number; busyMs: number } | null = null;

  /**
   * @param reportLater runs the `decoded` report once the messages already queued are handled
   *   (default `setImmediate`: one report per batch, so a thread that is behind does not add a message per message)
   */
  constructor(
    private readonly settings: DecoderWorkerSettings,
    private readonly post: (message: FromDecoderWorkerMessage) => void,
    private readonly reportLater: (report: () => void) => void = (report) => void setImmediate(report),
  ) {
    this.library = loadPocketsphinxLibrary(settings.libraryPath);
    // The library logs its whole configuration and every utterance to stderr otherwise.
    this.library.err_set_logfp(null);
  }

  /** Tells the engine the thread has its library bound and takes streams. */
  start(): void {
    this.post({ kind: 'ready' });
  }

  /** Handles one message from the engine; returns false once the thread should exit. */
  handle(message: ToDecoderWorkerMessage): boolean {
    switch (message.kind) {
      case 'open':
        this.open(message.streamId, message.decoder, message.band);
        return true;
      case 'audio': {
        const samples = message.samples.length;
        const startedAt = performance.now();
        this.runForStream(message.streamId, (stream) => stream.recognizer.write(message.samples));
        this.recordProgress(samples, performance.now() - startedAt);
        return true;
      }
      case 'end':
        this.end(message.streamId);
        return true;
      case 'shutdown':
        this.shutdown();
        return false;
    }
  }

  private recordProgress(samples: number, busyMs: number): void {
    if (this.progress) {
      this.progress.samples += samples;
      this.progress.busyMs += busyMs;
      return;
    }
    this.progress = { samples, busyMs };
    this.reportLater(() => {
      const done = this.progress;
      this.progress = null;
      if (done) this.post({ kind: 'decoded', samples: done.samples, busyMs: done.busyMs });
    });
  }

  /** Where a stream of `band` starts its cepstral mean; undefined: the acoustic model's `-cmninit`. */
  private cepstralMeanOf(band: AudioBand): Float32Array | undefined {
    const mean = this.settings.cepstralMeans?.[band];
    return mean && Float32Array.from(mean);
  }

  private open(streamId: number, addresses: DecoderAddresses, band: AudioBand): void {
    const decoder = PocketsphinxDecoder.adopt(this.library, addresses);
    try {
      const emit = (segment: EngineSegment) => this.post({ kind: 'segment', streamId, segment });
      this.streams.set(streamId, { decoder, recognizer: new StreamRecognizer(decoder, this.settings, emit, this.cepstralMeanOf(band)) });
    } catch (error) {
      this.post({ kind: 'discarded', decoder: decoder.addresses });
      this.post({ kind: 'stream-failed', streamId, error: serializeError(error) });
    }
  }

  private end(streamId: number): void {
    const ended = this.runForStream(streamId, (stream) => stream.recognizer.end());
    if (!ended) return;
    this.streams.delete(streamId);
    this.post({ kind: 'stream-ended', streamId, decoder: ended.decoder.addresses });
  }

  /**
   * Runs `work` for a live stream. Messages for a stream that already failed are expected (the
   * engine may have sent them before hearing of the failure) and are dropped.
   */
  private runForStream(streamId: number, work: (stream: ActiveStream) => void): ActiveStream | undefined {
    const stream = this.streams.get(streamId);
    if (!stream) return undefined;
    try {
      work(stream);
      return stream;
    } catch (error) {
      this.streams.delete(streamId);
      // Its internal state is unknown after a failure, so the decoder is not reused: the loading thread frees it.
      this.post({ kind: 'discarded', decoder: stream.decoder.addresses });
      this.post({ kind: 'stream-failed', streamId, error: serializeError(error) });
      return undefined;
    }
  }

  private shutdown(): void {
    for (const stream of this.streams.values()) this.post({ kind: 'discarded', decoder: stream.decoder.addresses });
    this.streams.clear();
  }
}
