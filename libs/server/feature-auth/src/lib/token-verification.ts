import { errors } from 'jose';
import { authFailure, AUTH_ERROR_CODES, type AuthFailure } from './auth-errors';
import type { Principal } from './principal';

/** A token that checked out. */
export interface VerifiedToken {
  readonly ok: true;
  readonly principal: Principal;
  /** When the token stops being valid (its `exp`); undefined when it has none (external tokens may omit it). */
  readonly expiresAt: Date | undefined;
  /** `local`: issued by this gateway (HS256); `external`: by the identity provider behind TNT_JWKS_URL. */
  readonly issuer: 'local' | 'external';
}

/** A token that did not check out, as the failure to answer with. */
export interface RejectedToken extends AuthFailure {
  readonly ok: false;
}

/** Outcome of verifying a token. */
export type TokenVerification = VerifiedToken | RejectedToken;

/** A refusal with `code` and `message`. */
export function rejectToken(code: RejectedToken['code'], message: string): RejectedToken {
  return { ok: false, ...authFailure(code, message) };
}

/**
 * Turns a failure thrown by jose into the answer for the client: an expired token is
 * `TOKEN_EXPIRED`, a key set that could not be fetched is `AUTH_UNAVAILABLE`, anything else
 * jose refused is `UNAUTHORIZED`. Errors that are not jose's (programming errors) are rethrown.
 */
export function rejectionFromJoseError(error: unknown): RejectedToken {
  if (error instanceof errors.JWTExpired) return rejectToken(AUTH_ERROR_CODES.TOKEN_EXPIRED, 'the token has expired; log in again');
  if (error instanceof errors.JWKSTimeout)
    return rejectToken(AUTH_ERROR_CODES.AUTH_UNAVAILABLE, 'the identity provider did not answer in time');
  if (error instanceof errors.JOSEError) return rejectToken(AUTH_ERROR_CODES.UNAUTHORIZED, `the token is not valid (${error.code})`);
  throw error;
}
