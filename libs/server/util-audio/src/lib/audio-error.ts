/**
 * Stable machine-readable codes for every error this library throws; callers branch on `code`,
 * never on the message.
 */
export const AudioErrorCode = {
  /** The requested sample-rate conversion is not one this library implements. */
  UnsupportedRate: 'AUDIO_ERR_UNSUPPORTED_RATE',
  /** The requested resampling method is unknown or unfit for the conversion (e.g. linear downsampling). */
  UnsupportedResampleMethod: 'AUDIO_ERR_UNSUPPORTED_RESAMPLE_METHOD',
} as const;

/** One of the values of {@link AudioErrorCode}. */
export type AudioErrorCode = (typeof AudioErrorCode)[keyof typeof AudioErrorCode];

/** An error raised by the audio library, carrying a stable {@link AudioErrorCode}. */
export class AudioError extends Error {
  override readonly name = 'AudioError';

  constructor(
    readonly code: AudioErrorCode,
    message: string,
  ) {
    super(message);
  }
}
