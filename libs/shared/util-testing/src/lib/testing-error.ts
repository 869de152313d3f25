/** Stable machine-readable codes for every error this library throws. */
export const TestingErrorCode = {
  /** A word error rate was asked for against a reference without words. */
  EmptyReference: 'TESTING_ERR_EMPTY_REFERENCE',
  /** A command-line audio tool (sox, soxi, flite) is not installed. */
  ToolMissing: 'TESTING_ERR_TOOL_MISSING',
  /** sox (or soxi, flite) ran but failed; the message carries its stderr. */
  ToolFailed: 'TESTING_ERR_TOOL_FAILED',
} as const;

/** One of the values of {@link TestingErrorCode}. */
export type TestingErrorCode = (typeof TestingErrorCode)[keyof typeof TestingErrorCode];

/** An error raised by the shared test utilities, carrying a stable {@link TestingErrorCode}. */
export class TestingError extends Error {
  override readonly name = 'TestingError';

  constructor(
    readonly code: TestingErrorCode,
    message: string,
  ) {
    super(message);
  }
}
