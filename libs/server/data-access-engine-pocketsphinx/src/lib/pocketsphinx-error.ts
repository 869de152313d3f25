/** Stable machine-readable codes of every error the pocketsphinx engine raises. */
export const PocketsphinxErrorCode = {
  /** The speech library or a model file is missing; the message names the Debian packages. */
  NotInstalled: 'POCKETSPHINX_NOT_INSTALLED',
  /** An option passed to the engine's constructor is invalid. */
  InvalidOption: 'POCKETSPHINX_INVALID_OPTION',
  /** The library refused the configuration or failed while decoding. */
  DecoderFailed: 'POCKETSPHINX_DECODER_FAILED',
  /** A decoding worker thread died; every stream it served is lost. */
  WorkerFailed: 'POCKETSPHINX_WORKER_FAILED',
  /** `open()` was called before `start()` resolved or after `stop()`. */
  NotRunning: 'POCKETSPHINX_NOT_RUNNING',
  /** `write()` was called after `end()`. */
  StreamEnded: 'POCKETSPHINX_STREAM_ENDED',
} as const;

/** One of the {@link PocketsphinxErrorCode} values. */
export type PocketsphinxErrorCode = (typeof PocketsphinxErrorCode)[keyof typeof PocketsphinxErrorCode];

/** An error raised by the pocketsphinx engine, carrying a stable {@link PocketsphinxErrorCode}. */
export class PocketsphinxError extends Error {
  constructor(
    readonly code: PocketsphinxErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PocketsphinxError';
  }
}
