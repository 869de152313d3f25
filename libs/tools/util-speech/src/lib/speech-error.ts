/** Stable machine-readable codes for every error this library throws. */
export const SpeechErrorCode = {
  /** The bytes are not a RIFF/WAVE file, or a chunk runs past the end of the file. */
  InvalidWav: 'SPEECH_ERR_INVALID_WAV',
  /** A well-formed WAV whose sample format is neither 16-bit PCM nor μ-law. */
  UnsupportedWavFormat: 'SPEECH_ERR_UNSUPPORTED_WAV_FORMAT',
  /** A conversation fixture's script.json does not have the documented shape. */
  InvalidConversationScript: 'SPEECH_ERR_INVALID_CONVERSATION_SCRIPT',
  /** A conversation fixture's audio files disagree with each other or with the script. */
  InvalidConversationAudio: 'SPEECH_ERR_INVALID_CONVERSATION_AUDIO',
} as const;

/** One of the values of {@link SpeechErrorCode}. */
export type SpeechErrorCode = (typeof SpeechErrorCode)[keyof typeof SpeechErrorCode];

/** An error raised by the speech tooling, carrying a stable {@link SpeechErrorCode}. */
export class SpeechError extends Error {
  override readonly name = 'SpeechError';

  constructor(
    readonly code: SpeechErrorCode,
    message: string,
  ) {
    super(message);
  }
}
