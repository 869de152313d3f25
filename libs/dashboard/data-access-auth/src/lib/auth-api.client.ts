import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { ERROR_CODES, HTTP_ERROR_BODY, LOGIN_RESPONSE, validate, type HttpErrorBody } from '@tnt/protocol';
import type { TokenStatus } from '@tnt/dashboard/data-access-socket';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import type { AuthSession } from './auth-session';

/** Where the gateway's auth API lives: `/api/auth` on the page's own origin unless provided. */
export const AUTH_API_URL = new InjectionToken<string>('AUTH_API_URL', { providedIn: 'root', factory: () => '/api/auth' });

/** Why a sign-in did not work, in terms the sign-in page can explain. */
export type SignInProblem =
  /** 401: the username or the password is wrong (the server does not say which). */
  | { readonly kind: 'invalid-credentials' }
  /** 429: too many attempts; `Retry-After` says how long to wait, when the server said it. */
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds?: number }
  /** 400: the request was malformed; `message` names the field. */
  | { readonly kind: 'invalid-request'; readonly message: string }
  /** No answer: the network, the server down, a proxy that cannot reach it, or a timeout. */
  | { readonly kind: 'unreachable' }
  /** Any other answer. */
  | { readonly kind: 'unexpected'; readonly status: number; readonly message: string };

/** The outcome of {@link AuthApiClient.signIn}. */
export type SignInResult = { readonly ok: true; readonly session: AuthSession } | { readonly ok: false; readonly problem: SignInProblem };

/**
 * A sign-in that has not been answered by then is reported as unreachable instead of spinning
 * forever. (An RxJS timeout rather than HttpClient's: it also cancels the request.)
 */
const SIGN_IN_TIMEOUT_MS = 15_000;
/** The socket waits for this answer before its next attempt, so it must not hang. */
const TOKEN_CHECK_TIMEOUT_MS = 8_000;
/** Answers of a proxy in front of the gateway that could not reach it. */
const PROXY_CANNOT_REACH = new Set([502, 504]);

/** The `{code, message}` of an error answer (the protocol's `HTTP_ERROR_BODY`); nothing when the answer is not one. */
function errorBodyOf(error: HttpErrorResponse): Partial<HttpErrorBody> {
  const body = validate(HTTP_ERROR_BODY, error.error);
  return body.ok ? body.value : {};
}

function signInProblemOf(error: HttpErrorResponse): SignInProblem {
  const body = errorBodyOf(error);
  const message = body.message ?? error.message;
  if (error.status === 0 || PROXY_CANNOT_REACH.has(error.status)) return { kind: 'unreachable' };
  if (error.status === 401) return { kind: 'invalid-credentials' };
  if (error.status === 429) {
    const retryAfter = Number.parseInt(error.headers.get('Retry-After') ?? '', 10);
    return Number.isFinite(retryAfter) && retryAfter > 0
      ? { kind: 'rate-limited', retryAfterSeconds: retryAfter }
      : { kind: 'rate-limited' };
  }
  if (error.status === 400) return { kind: 'invalid-request', message };
  return { kind: 'unexpected', status: error.status, message };
}

/**
 * The gateway's auth API over HTTP: `POST /login` for a token and `GET /me` to ask whether a
 * token is still accepted. Every HTTP failure comes back as a value the callers can explain;
 * only programming errors throw.
 */
@Injectable({ providedIn: 'root' })
export class AuthApiClient {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(AUTH_API_URL);

  /** Exchanges a username and password for a session. */
  async signIn(username: string, password: string): Promise<SignInResult> {
    let body: unknown;
    try {
      body = await firstValueFrom(
        this.http.post<unknown>(`${this.baseUrl}/login`, { username, password }).pipe(timeout(SIGN_IN_TIMEOUT_MS)),
      );
    } catch (error) {
      if (error instanceof TimeoutError) return { ok: false, problem: { kind: 'unreachable' } };
      if (!(error instanceof HttpErrorResponse)) throw error;
      return { ok: false, problem: signInProblemOf(error) };
    }
    // Checked against the protocol's sign-in answer, which also keeps only its fields. The message
    // names the field at fault and never echoes a value: the answer may hold a token.
    const session = validate(LOGIN_RESPONSE, body);
    if (!session.ok) {
      console.error(`TnT: the sign-in answer is not a session: ${session.message}`);
      return {
        ok: false,
        problem: {
          kind: 'unexpected',
          status: 200,
          message: `the server answered with something that is not a session: ${session.message}`,
        },
      };
    }
    return { ok: true, session: session.value };
  }

  /** Whether the server still accepts `token`: `valid`, `expired`, `rejected`, or `unknown` when it could not be asked. */
  async checkToken(token: string): Promise<TokenStatus> {
    try {
      const request = this.http.get<unknown>(`${this.baseUrl}/me`, { headers: { Authorization: `Bearer ${token}` } });
      await firstValueFrom(request.pipe(timeout(TOKEN_CHECK_TIMEOUT_MS)));
      return 'valid';
    } catch (error) {
      if (error instanceof TimeoutError) {
        console.warn(
          `TnT: the server did not answer the session check within ${TOKEN_CHECK_TIMEOUT_MS} ms; it decides at the next attempt`,
        );
        return 'unknown';
      }
      if (!(error instanceof HttpErrorResponse)) throw error;
      if (error.status === 401) return errorBodyOf(error).code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected';
      console.warn(`TnT: could not check the session with the server (${error.status || 'no answer'}); it decides at the next attempt`);
      return 'unknown';
    }
  }
}
