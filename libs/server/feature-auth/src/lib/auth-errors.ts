import { HttpException } from '@nestjs/common';
import { ERROR_CODES } from '@tnt/protocol';

/**
 * The protocol's codes (documented in `ERROR_CODES`) that authentication and authorization
 * failures answer with, in HTTP answers, refused upgrades and `error` messages.
 */
export const AUTH_ERROR_CODES = {
  UNAUTHORIZED: ERROR_CODES.UNAUTHORIZED,
  TOKEN_EXPIRED: ERROR_CODES.TOKEN_EXPIRED,
  FORBIDDEN: ERROR_CODES.FORBIDDEN,
  ORIGIN_NOT_ALLOWED: ERROR_CODES.ORIGIN_NOT_ALLOWED,
  AUTH_UNAVAILABLE: ERROR_CODES.AUTH_UNAVAILABLE,
  RATE_LIMITED: ERROR_CODES.RATE_LIMITED,
  VALIDATION_FAILED: ERROR_CODES.VALIDATION_FAILED,
} as const;

/** A code of {@link AUTH_ERROR_CODES}. */
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[keyof typeof AUTH_ERROR_CODES];

/** The HTTP status each code is answered with. */
export const AUTH_HTTP_STATUS: Readonly<Record<AuthErrorCode, number>> = {
  UNAUTHORIZED: 401,
  TOKEN_EXPIRED: 401,
  FORBIDDEN: 403,
  ORIGIN_NOT_ALLOWED: 403,
  AUTH_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  VALIDATION_FAILED: 400,
};

/** The JSON body of every error answer: the same `{code, message}` shape as the history API. */
export interface AuthErrorBody {
  readonly code: AuthErrorCode;
  readonly message: string;
}

/** A refused request, before it is turned into an HTTP answer or an upgrade refusal. */
export interface AuthFailure extends AuthErrorBody {
  readonly status: number;
}

/** The failure for `code` with `message`. */
export function authFailure(code: AuthErrorCode, message: string): AuthFailure {
  return { status: AUTH_HTTP_STATUS[code], code, message };
}

/** An HTTP answer with a stable code; Nest sends `{code, message}` as the body and nothing else (no stack). */
export class AuthHttpError extends HttpException {
  constructor(readonly failure: AuthFailure) {
    super({ code: failure.code, message: failure.message } satisfies AuthErrorBody, failure.status);
  }
}
