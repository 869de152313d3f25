import type { AudioBand } from './audio-band';
import type { EngineSegment } from '@tnt/server/util-engine';
import type { PocketsphinxErrorCode } from './pocketsphinx-error';

/** What every decoding worker thread receives as `workerData`. */
export interface DecoderWorkerSettings {
  readonly libraryPath: string;
  readonly sampleRate: number;
  readonly frameDurationMs: number;
  readonly interimIntervalMs: number;
  /** Where each band's streams start their cepstral mean; null: the acoustic model's `-cmninit` for both. */
  readonly cepstralMeans: Readonly<Record<AudioBand, readonly number[]>> | null;
}

/** What the decoder-loading thread receives as `workerData`. */
export interface DecoderLoaderSettings {
  readonly libraryPath: string;
  /** Flat `['-name', 'value', ...]` list for `cmd_ln_init`, `-lm` and `-dict` included. */
  readonly decoderArguments: readonly string[];
  /**
   * Whether all decoders share one language model (read once, not once per decoder; each decoding
   * thread's decoders read it through a view of their own) and read only the dictionary words that
   * model knows. Off: every decoder loads its own.
   */
  readonly shareLanguageModel: boolean;
  /** The `-lm` file, read once for all decoders when {@link shareLanguageModel} is on. */
  readonly languageModelPath: string;
  /** The `-dict` file, cut down to the language model's words when {@link shareLanguageModel} is on. */
  readonly dictionaryPath: string;
}

/**
 * A loaded decoder on its way between threads: the addresses of its `ps_decoder_t` and
 * `cmd_ln_t`. Whoever holds the message owns the decoder; the sender no longer touches it.
 */
export interface DecoderAddresses {
  readonly decoder: number;
  readonly config: number;
  /**
   * The decoding thread (its index in the pool) this decoder must run on, because it reads the
   * language model through that thread's view, whose lookup cache is not safe from two threads at
   * once; null: any thread.
   */
  readonly thread: number | null;
}

/** An error crossing the thread boundary (class identity does not survive structured clone). */
export interface SerializedError {
  readonly code: PocketsphinxErrorCode;
  readonly message: string;
}

/** Messages from the engine to a decoding worker. `audio` transfers its buffer when it can. */
export type ToDecoderWorkerMessage =
  | { readonly kind: 'open'; readonly streamId: number; readonly decoder: DecoderAddresses; readonly band: AudioBand }
  | { readonly kind: 'audio'; readonly streamId: number; readonly samples: Int16Array }
  | { readonly kind: 'end'; readonly streamId: number }
  | { readonly kind: 'shutdown' };

/**
 * Messages from a decoding worker to the engine. A stream that ended hands its decoder back; a failed one's comes
 * back to be freed (`discarded`, also at shutdown): only the loading thread frees decoders, so a shared language
 * model's reference count only ever changes on that one thread.
 * `decoded` tells how much of the audio sent to the thread it has taken off its queue since its last `decoded`
 * (audio of streams that are gone counts too) and how long that took, so the engine can measure its backlog.
 */
export type FromDecoderWorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'decoded'; readonly samples: number; readonly busyMs: number }
  | { readonly kind: 'segment'; readonly streamId: number; readonly segment: EngineSegment }
  | { readonly kind: 'stream-ended'; readonly streamId: number; readonly decoder: DecoderAddresses }
  | { readonly kind: 'stream-failed'; readonly streamId: number; readonly error: SerializedError }
  | { readonly kind: 'discarded'; readonly decoder: DecoderAddresses };

/** Messages from the engine to the decoder-loading thread, handled in order. */
export type ToDecoderLoaderMessage =
  /** `thread`: the decoding thread the decoder is for (see {@link DecoderAddresses.thread}); null when LMs are not shared. */
  | { readonly kind: 'load'; readonly thread: number | null }
  | { readonly kind: 'free'; readonly decoder: DecoderAddresses }
  | { readonly kind: 'shutdown' };

/** One answer per `load`, in order. */
export type FromDecoderLoaderMessage =
  { readonly kind: 'loaded'; readonly decoder: DecoderAddresses } | { readonly kind: 'load-failed'; readonly error: SerializedError };
