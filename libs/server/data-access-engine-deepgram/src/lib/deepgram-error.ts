/** Why a Deepgram stream failed; stable strings, counted in `/metrics` by this code. */
export const DeepgramErrorCode = {
  /** The handshake was refused with 401 or 403: the key is wrong, revoked or lacks permission. */
  UNAUTHORIZED: 'DEEPGRAM_UNAUTHORIZED',
  /** The handshake was refused with 402: the project has no credit left. */
  PAYMENT_REQUIRED: 'DEEPGRAM_PAYMENT_REQUIRED',
  /** The handshake was refused with 400: a query parameter (model, language, keyterm) is not accepted. */
  BAD_REQUEST: 'DEEPGRAM_BAD_REQUEST',
  /** The handshake was refused with 429: too many concurrent streams for the project. */
  RATE_LIMITED: 'DEEPGRAM_RATE_LIMITED',
  /** No connection: DNS, TCP, TLS, a 5xx answer or no answer within the connect timeout. */
  UNREACHABLE: 'DEEPGRAM_UNREACHABLE',
  /** The server closed an open stream before it was ended (1008 DATA-0000, 1011 NET-0000/NET-0001, …). */
  CLOSED_BY_SERVER: 'DEEPGRAM_CLOSED_BY_SERVER',
  /** The server sent a message that is not what the reference documents. */
  PROTOCOL: 'DEEPGRAM_PROTOCOL',
  /** `end()` waited too long for the last results after CloseStream. */
  CLOSE_TIMEOUT: 'DEEPGRAM_CLOSE_TIMEOUT',
} as const;

/** One of {@link DeepgramErrorCode}. */
export type DeepgramErrorCode = (typeof DeepgramErrorCode)[keyof typeof DeepgramErrorCode];

/** What an operator should do about each failure, logged with its first occurrence. */
const REMEDIES: Record<DeepgramErrorCode, string> = {
  DEEPGRAM_UNAUTHORIZED: 'check TNT_DEEPGRAM_API_KEY (a key from console.deepgram.com with usage:write) and restart the gateway',
  DEEPGRAM_PAYMENT_REQUIRED: "add credit to the key's Deepgram project",
  DEEPGRAM_BAD_REQUEST: 'check TNT_DEEPGRAM_MODEL, TNT_LANGUAGE and the vocabulary file (keyterms) against what the model accepts',
  DEEPGRAM_RATE_LIMITED: "raise the project's concurrency limit with Deepgram, or take fewer calls on this instance",
  DEEPGRAM_UNREACHABLE: 'check that this host can reach TNT_DEEPGRAM_URL (DNS, firewall, proxy)',
  DEEPGRAM_CLOSED_BY_SERVER: 'see the close code and reason; DATA-0000 means audio Deepgram could not decode',
  DEEPGRAM_PROTOCOL: 'the server at TNT_DEEPGRAM_URL does not speak Deepgram /v1/listen as documented',
  DEEPGRAM_CLOSE_TIMEOUT: 'Deepgram did not close the stream after CloseStream; its last words may be missing',
};

/** A Deepgram stream's failure: a stable `code`, a message naming the call and speaker, and what to do. */
export class DeepgramError extends Error {
  /** What an operator should do about it. */
  readonly remedy: string;

  constructor(
    readonly code: DeepgramErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeepgramError';
    this.remedy = REMEDIES[code];
  }
}

/** The error for a handshake answered with `status` instead of 101; `body` is Deepgram's JSON error, if any. */
export function handshakeError(status: number, body: string, stream: string): DeepgramError {
  let detail = body.trim().slice(0, 300);
  try {
    const parsed = JSON.parse(body) as { err_code?: unknown; err_msg?: unknown };
    if (typeof parsed.err_msg === 'string') detail = `${String(parsed.err_code ?? '')} ${parsed.err_msg}`.trim();
  } catch {
    detail ||= '(no body)'; // not JSON: the raw body is shown as it came
  }
  const code =
    status === 401 || status === 403
      ? DeepgramErrorCode.UNAUTHORIZED
      : status === 402
        ? DeepgramErrorCode.PAYMENT_REQUIRED
        : status === 429
          ? DeepgramErrorCode.RATE_LIMITED
          : status >= 400 && status < 500
            ? DeepgramErrorCode.BAD_REQUEST
            : DeepgramErrorCode.UNREACHABLE;
  return new DeepgramError(code, `${stream}: Deepgram refused the stream with HTTP ${status}: ${detail}`);
}
