import type { CloseCode } from './close-codes';
import { ERROR_CODE_ANSWERS, type ErrorCode } from './error-codes';
import type { HttpErrorBody } from './http-responses';
import type { ErrorMessage } from './server-messages';

/** What a {@link TntError} may carry besides its code and message. */
export interface TntErrorOptions {
  /** Close the WebSocket with this code after answering; defaults to the code's own (see `ERROR_CODE_ANSWERS`). */
  readonly closeCode?: CloseCode;
  /** The call the failed request named. */
  readonly callId?: string;
  /** Answer HTTP with this status instead of the code's own (e.g. a 405 from the framework). */
  readonly httpStatus?: number;
  /** For a `Retry-After` header on HTTP answers and refused upgrades. */
  readonly retryAfterSeconds?: number;
  /** The server-side failure behind this error: logged, never sent to the client. */
  readonly cause?: unknown;
}

/** RFC 6455 §5.5.1: a close frame's reason fits in 123 bytes of UTF-8. */
const MAX_CLOSE_REASON_BYTES = 123;

function utf8Length(text: string): number {
  let bytes = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * The one error type for everything a client can be told went wrong, on every surface: an HTTP
 * answer (`httpStatus`, body `{code, message}`), an `error` message on the UI socket, or a close
 * of a WebSocket (`closeCode`, reason `CODE: message`). The status and close code come from the
 * table beside `ERROR_CODES`, so a code means the same thing wherever it appears.
 */
export class TntError extends Error {
  readonly httpStatus: number;
  /** When set, the WebSocket is closed with it after the error is reported. */
  readonly closeCode?: CloseCode;
  readonly callId?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: TntErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TntError';
    this.httpStatus = options.httpStatus ?? ERROR_CODE_ANSWERS[code].httpStatus;
    this.closeCode = options.closeCode ?? ERROR_CODE_ANSWERS[code].closeCode;
    this.callId = options.callId;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The `error` message for a UI-socket client, stamped with `now`. */
  toMessage(now: Date = new Date()): ErrorMessage {
    return {
      type: 'error',
      code: this.code,
      message: this.message,
      timestamp: now.toISOString(),
      ...(this.callId !== undefined ? { callId: this.callId } : {}),
    };
  }

  /** The body of an HTTP answer (`HTTP_ERROR_BODY`): `{code, message}` and nothing else (never a stack). */
  toBody(): HttpErrorBody {
    return { code: this.code, message: this.message };
  }

  /** `CODE: message`, cut to fit a WebSocket close frame. */
  get closeReason(): string {
    let reason = `${this.code}: ${this.message}`;
    while (utf8Length(reason) > MAX_CLOSE_REASON_BYTES) reason = reason.slice(0, -1);
    return reason;
  }
}

/** True for a {@link TntError}. */
export function isTntError(value: unknown): value is TntError {
  return value instanceof TntError;
}
