import type { EngineSegment } from '@tnt/server/util-engine';
import type { PocketsphinxErrorCode } from './pocketsphinx-error';

/** What every decoding worker thread receives as `workerData`. */
export interface DecoderWorkerSettings {
  readonly libraryPath: string;
  readonly sampleRate: number;
  readonly frameDurationMs: number;
  readonly interimIntervalMs: number;
}

/** What the decoder-loading thread receives as `workerData`. */
export interface DecoderLoaderSettings {
  readonly libraryPath: string;
  /** Flat `['-name', 'value', ...]` list for `cmd_ln_init`. */
  readonly decoderArguments: readonly string[];
}

/**
 * A loaded decoder on its way between threads: the addresses of its `ps_decoder_t` and
 * `cmd_ln_t`. Whoever holds the message owns the decoder; the sender no longer touches it.
 */
export interface DecoderAddresses {
  readonly decoder: number;
  readonly config: number;
}

/** An error crossing the thread boundary (class identity does not survive structured clone). */
export interface SerializedError {
  readonly code: PocketsphinxErrorCode;
  readonly message: string;
}

/** Messages from the engine to a decoding worker. `audio` transfers its buffer when it can. */
export type ToDecoderWorkerMessage =
  | { readonly kind: 'open'; readonly streamId: number; readonly decoder: DecoderAddresses }
  | { readonly kind: 'audio'; readonly streamId: number; readonly samples: Int16Array }
  | { readonly kind: 'end'; readonly streamId: number }
  | { readonly kind: 'shutdown' };

/**
 * Messages from a decoding worker to the engine. A stream that ended hands its decoder back; a failed one's is freed.
 * `decoded` tells how much of the audio sent to the thread it has taken off its queue since its last `decoded`
 * (audio of streams that are gone counts too) and how long that took, so the engine can measure its backlog.
 */
export type FromDecoderWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'decoded'; readonly samples: number; readonly busyMs: number }
  | { readonly kind: 'segment'; readonly streamId: number; readonly segment: EngineSegment }
  | { readonly kind: 'stream-ended'; readonly streamId: number; readonly decoder: DecoderAddresses }
  | { readonly kind: 'stream-failed'; readonly streamId: number; readonly error: SerializedError };

/** Messages from the engine to the decoder-loading thread, handled in order. */
export type ToDecoderLoaderMessage =
  { readonly kind: 'load' } | { readonly kind: 'free'; readonly decoder: DecoderAddresses } | { readonly kind: 'shutdown' };

/** One answer per `load`, in order. */
export type FromDecoderLoaderMessage =
  { readonly kind: 'loaded'; readonly decoder: DecoderAddresses } | { readonly kind: 'load-failed'; readonly error: SerializedError };
