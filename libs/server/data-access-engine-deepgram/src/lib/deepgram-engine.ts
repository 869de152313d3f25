import type { EngineStreamListener, EngineStreamOptions, TranscriptionEngine, TranscriptionStream } from '@tnt/server/util-engine';
import type { DeepgramError, DeepgramErrorCode } from './deepgram-error';
import { DEEPGRAM_LISTEN_URL, DEFAULT_DEEPGRAM_MODEL, listenUrl } from './deepgram-protocol';
import { DeepgramStream, type DeepgramStreamTiming } from './deepgram-stream';

/** Options of the {@link DeepgramEngine}; only the key is required. */
export interface DeepgramEngineOptions {
  /** The Deepgram API key (`TNT_DEEPGRAM_API_KEY`). */
  readonly apiKey: string;
  /** The listen endpoint (`TNT_DEEPGRAM_URL`); default the real one. */
  readonly url?: string;
  /** `TNT_DEEPGRAM_MODEL`; default `nova-3`. */
  readonly model?: string;
  /** Words and phrases sent as `keyterm` (Nova-3) or `keywords`: the vocabulary file's entries. */
  readonly keyterms?: readonly string[];
  /** Silence that ends an utterance, in ms (default 300: conversation, not commands); `false` turns endpointing off. */
  readonly endpointingMs?: number | false;
  readonly timing?: Partial<DeepgramStreamTiming>;
  /**
   * Told of every stream failure; `first` is true for the first failure with that code, which carries
   * the advice worth logging (a bad key fails every stream of every call the same way).
   */
  readonly onFault?: (error: DeepgramError, first: boolean) => void;
}

const DEFAULT_TIMING: DeepgramStreamTiming = { keepAliveIntervalMs: 4_000, connectTimeoutMs: 10_000, closeTimeoutMs: 10_000 };

/**
 * Speech-to-text by Deepgram's live streaming API, for deployments that want a cloud engine. One
 * WebSocket per speaker stream rather than one multichannel socket per call: the engine interface
 * opens each speaker on its own, ingest delivers each speaker's audio at its own pace (a multichannel
 * socket needs the two interleaved sample for sample), and one speaker's failure stays that speaker's.
 *
 * Reconnection: none inside a stream. A stream that fails (refused, dropped, closed by Deepgram)
 * finalises its pending words, reports the error and stays failed for the rest of the call; the next
 * call opens fresh streams. Resuming mid-call would need the audio sent during the gap replayed and
 * Deepgram's clock (which restarts at 0 on a new socket) offset, and would still lose words at the cut,
 * so a failure is reported to the call instead of hidden behind a retry.
 *
 * `start()` calls nobody: the gateway starts (and the default, offline configuration never needs the
 * network); a bad key shows on the first call's streams as `DEEPGRAM_UNAUTHORIZED`.
 */
export class DeepgramEngine implements TranscriptionEngine {
  readonly name = 'deepgram';
  readonly simulated = false;
  /** Deepgram takes any linear16 rate: telephone audio goes at 8 kHz as it came, without resampling. */
  readonly sampleRates: readonly number[] = [16000, 8000, 24000, 32000, 44100, 48000];

  private readonly streams = new Set<DeepgramStream>();
  private readonly faultCodesSeen = new Set<DeepgramErrorCode>();
  private readonly timing: DeepgramStreamTiming;

  constructor(private readonly options: DeepgramEngineOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
  }

  async start(): Promise<void> {
    if (this.options.apiKey.trim() === '') throw new Error('The Deepgram engine needs an API key: set TNT_DEEPGRAM_API_KEY');
    const url = new URL(this.options.url ?? DEEPGRAM_LISTEN_URL);
    if (url.protocol !== 'wss:' && url.protocol !== 'ws:')
      throw new Error(`TNT_DEEPGRAM_URL must be a ws:// or wss:// URL, got ${url.href}`);
  }

  open(options: EngineStreamOptions, listener: EngineStreamListener): TranscriptionStream {
    const url = listenUrl(this.options.url ?? DEEPGRAM_LISTEN_URL, {
      model: this.options.model ?? DEFAULT_DEEPGRAM_MODEL,
      language: options.language,
      sampleRate: options.sampleRate,
      endpointingMs: this.options.endpointingMs ?? 300,
      keyterms: this.options.keyterms ?? [],
    });
    const stream: DeepgramStream = new DeepgramStream(
      url,
      this.options.apiKey,
      `call ${options.callId} ${options.speaker}`,
      this.timing,
      {
        onSegment: (segment) => listener.onSegment(segment),
        onError: (error) => {
          this.streams.delete(stream);
          listener.onError(error);
        },
      },
      (error) => this.reportFault(error),
    );
    this.streams.add(stream);
    return {
      write: (pcm) => stream.write(pcm),
      end: async () => {
        await stream.end();
        this.streams.delete(stream);
      },
    };
  }

  /** Ends every open stream (their last results are delivered) and waits for them. */
  async stop(): Promise<void> {
    await Promise.allSettled([...this.streams].map((stream) => stream.end()));
    this.streams.clear();
  }

  private reportFault(error: DeepgramError): void {
    const first = !this.faultCodesSeen.has(error.code);
    this.faultCodesSeen.add(error.code);
    this.options.onFault?.(error, first);
  }
}
