import { HttpException } from '@nestjs/common';

/**
 * Stable codes of authentication and authorization failures, for HTTP answers, refused
 * upgrades and `error` messages. They are meant for the protocol's `ERROR_CODES`; until they
 * are there, this is their home.
 */
export const AUTH_ERROR_CODES = {
  /** 401: no credentials, unknown credentials, or a token that is not valid (bad signature, wrong issuer, removed user). */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** 401: the token was valid but has expired; log in again. */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** 403: authenticated, but the role may not do this (an agent asking for another agent's call). */
  FORBIDDEN: 'FORBIDDEN',
  /** 403: a browser page from an origin that is not allowed (TNT_ALLOWED_ORIGINS). */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** 503: the external identity provider's keys could not be fetched; try again later. */
  AUTH_UNAVAILABLE: 'AUTH_UNAVAILABLE',
  /** 429: too many login attempts from this address or for this username; see `Retry-After`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** 400: the request body is malformed; `message` names the field. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
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
