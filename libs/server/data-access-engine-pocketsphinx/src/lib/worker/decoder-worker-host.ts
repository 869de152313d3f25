import type { EngineSegment } from '@tnt/server/util-engine';
import { PocketsphinxError, PocketsphinxErrorCode } from '../pocketsphinx-error';
import type { DecoderWorkerSettings, FromDecoderWorkerMessage, SerializedError, ToDecoderWorkerMessage } from '../worker-protocol';
import { PocketsphinxDecoder } from './pocketsphinx-decoder';
import { loadPocketsphinxLibrary, type PocketsphinxLibrary } from './pocketsphinx-library';
import { StreamRecognizer } from './stream-recognizer';

interface ActiveStream {
  readonly decoder: PocketsphinxDecoder;
  readonly recognizer: StreamRecognizer;
}

/**
 * Everything one decoding thread does: owns its decoders (keeping idle ones for reuse, since
 * loading one costs ~270 ms and ~90 MB) and runs one {@link StreamRecognizer} per stream.
 * Failures of one stream are reported for that stream only; the thread keeps serving the rest.
 */
export class DecoderWorkerHost {
  private readonly library: PocketsphinxLibrary;
  private readonly idleDecoders: PocketsphinxDecoder[] = [];
  private readonly streams = new Map<number, ActiveStream>();

  constructor(
    private readonly settings: DecoderWorkerSettings,
    private readonly post: (message: FromDecoderWorkerMessage) => void,
  ) {
    this.library = loadPocketsphinxLibrary(settings.libraryPath);
    // The library logs its whole configuration and every utterance to stderr otherwise.
    this.library.err_set_logfp(null);
  }

  /** Loads one decoder up front so the first stream starts at once and bad models fail startup. */
  start(): void {
    try {
      this.idleDecoders.push(PocketsphinxDecoder.create(this.library, this.settings.decoderArguments));
      this.post({ kind: 'ready' });
    } catch (error) {
      this.post({ kind: 'startup-failed', error: serializeError(error) });
    }
  }

  /** Handles one message from the engine; returns false once the thread should exit. */
  handle(message: ToDecoderWorkerMessage): boolean {
    switch (message.kind) {
      case 'open':
        this.open(message.streamId);
        return true;
      case 'audio':
        this.runForStream(message.streamId, (stream) => stream.recognizer.write(message.samples));
        return true;
      case 'end':
        this.end(message.streamId);
        return true;
      case 'shutdown':
        this.shutdown();
        return false;
    }
  }

  private open(streamId: number): void {
    let decoder: PocketsphinxDecoder | undefined;
    try {
      decoder = this.idleDecoders.pop() ?? PocketsphinxDecoder.create(this.library, this.settings.decoderArguments);
      const emit = (segment: EngineSegment) => this.post({ kind: 'segment', streamId, segment });
      this.streams.set(streamId, { decoder, recognizer: new StreamRecognizer(decoder, this.settings, emit) });
    } catch (error) {
      decoder?.free();
      this.post({ kind: 'stream-failed', streamId, error: serializeError(error) });
    }
  }

  private end(streamId: number): void {
    const ended = this.runForStream(streamId, (stream) => stream.recognizer.end());
    if (!ended) return;
    this.streams.delete(streamId);
    this.release(ended.decoder);
    this.post({ kind: 'stream-ended', streamId });
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
      // Its internal state is unknown after a failure, so the decoder is not reused.
      stream.decoder.free();
      this.post({ kind: 'stream-failed', streamId, error: serializeError(error) });
      return undefined;
    }
  }

  private release(decoder: PocketsphinxDecoder): void {
    if (this.idleDecoders.length < this.settings.idleDecodersPerWorker) {
      this.idleDecoders.push(decoder);
    } else {
      decoder.free();
    }
  }

  private shutdown(): void {
    for (const stream of this.streams.values()) stream.decoder.free();
    this.streams.clear();
    for (const decoder of this.idleDecoders.splice(0)) decoder.free();
  }
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof PocketsphinxError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: PocketsphinxErrorCode.DecoderFailed, message };
}
