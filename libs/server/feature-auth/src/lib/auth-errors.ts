import { ERROR_CODE_ANSWERS, ERROR_CODES, TntError } from '@tnt/protocol';

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

/**
 * A refused request as data, before it becomes an HTTP answer (a thrown {@link TntError}) or an
 * upgrade refusal; `status` is the code's HTTP status from the protocol's `ERROR_CODE_ANSWERS`.
 */
export interface AuthFailure {
  readonly status: number;
  readonly code: AuthErrorCode;
  readonly message: string;
}

/** The failure for `code` with `message`. */
export function authFailure(code: AuthErrorCode, message: string): AuthFailure {
  return { status: ERROR_CODE_ANSWERS[code].httpStatus, code, message };
}

/** The error to throw for `failure` on an HTTP route; the shared HTTP filter answers it. */
export function authError(failure: Pick<AuthFailure, 'code' | 'message'>): TntError {
  return new TntError(failure.code, failure.message);
}
