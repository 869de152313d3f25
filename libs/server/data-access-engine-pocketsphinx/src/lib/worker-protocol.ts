import type { EngineSegment } from '@tnt/server/util-engine';
import type { PocketsphinxErrorCode } from './pocketsphinx-error';

/** What every decoding worker thread receives as `workerData`. */
export interface DecoderWorkerSettings {
  readonly libraryPath: string;
  /** Flat `['-name', 'value', ...]` list for `cmd_ln_init`. */
  readonly decoderArguments: readonly string[];
  readonly sampleRate: number;
  readonly frameDurationMs: number;
  readonly interimIntervalMs: number;
  readonly idleDecodersPerWorker: number;
}

/** An error crossing the thread boundary (class identity does not survive structured clone). */
export interface SerializedError {
  readonly code: PocketsphinxErrorCode;
  readonly message: string;
}

/** Messages from the engine to a worker. `audio` transfers its buffer when it can. */
export type ToDecoderWorkerMessage =
  | { readonly kind: 'open'; readonly streamId: number }
  | { readonly kind: 'audio'; readonly streamId: number; readonly samples: Int16Array }
  | { readonly kind: 'end'; readonly streamId: number }
  | { readonly kind: 'shutdown' };

/** Messages from a worker to the engine. */
export type FromDecoderWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'startup-failed'; readonly error: SerializedError }
  | { readonly kind: 'segment'; readonly streamId: number; readonly segment: EngineSegment }
  | { readonly kind: 'stream-ended'; readonly streamId: number }
  | { readonly kind: 'stream-failed'; readonly streamId: number; readonly error: SerializedError };
