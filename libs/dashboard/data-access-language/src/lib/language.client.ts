import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { ERROR_CODES, HTTP_ERROR_BODY, LANGUAGE_MODEL_STATUS, validate, type LanguageModelStatus } from '@tnt/protocol';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { firstValueFrom, timeout } from 'rxjs';

/** Where the gateway's language model API lives: `/api/language` on the page's own origin unless provided. */
export const LANGUAGE_API_URL = new InjectionToken<string>('LANGUAGE_API_URL', {
  providedIn: 'root',
  factory: () => '/api/language',
});

/** A request not answered by then is reported instead of spinning forever. */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The outcome of a language model request: the model's status, or why not (`refused` carries the
 * server's 400 message, which names the bad line: `api vocabulary line 2: unknown phones X …`).
 */
export type LanguageResult =
  | { readonly ok: true; readonly status: LanguageModelStatus }
  | { readonly ok: false; readonly kind: 'refused' | 'failed'; readonly message: string };

/**
 * The gateway's language model over HTTP (`GET`/`PUT /api/language`) with the signed-in person's
 * token; a token no longer accepted ends the session. The answer is checked with the protocol's
 * `LANGUAGE_MODEL_STATUS`. Every failure is a result.
 */
@Injectable({ providedIn: 'root' })
export class LanguageClient {
  private readonly http = inject(HttpClient);
  private readonly url = inject(LANGUAGE_API_URL);
  private readonly auth = inject(AuthStore);

  /** Which model decodes new calls, and how the latest build went. */
  status(): Promise<LanguageResult> {
    return this.send('GET');
  }

  /** Starts building a model of `domainText` and `vocabulary`; the answer says `building` (202). */
  replace(domainText: string, vocabulary: string): Promise<LanguageResult> {
    return this.send('PUT', { domainText, vocabulary });
  }

  private async send(method: 'GET' | 'PUT', body?: unknown): Promise<LanguageResult> {
    const token = this.auth.token();
    if (token === undefined) return { ok: false, kind: 'failed', message: 'You are signed out.' };
    try {
      const headers = { Authorization: `Bearer ${token}` };
      const answer = await firstValueFrom(
        this.http.request<unknown>(method, this.url, { headers, body }).pipe(timeout(REQUEST_TIMEOUT_MS)),
      );
      const checked = validate(LANGUAGE_MODEL_STATUS, answer);
      if (checked.ok) return { ok: true, status: checked.value };
      console.error(`TnT: the language API answered something that is not a language model status: ${checked.message}`);
      return {
        ok: false,
        kind: 'failed',
        message: `The server answered something that is not a language model status: ${checked.message}`,
      };
    } catch (error) {
      if (!(error instanceof HttpErrorResponse)) {
        console.warn(`TnT: the language API did not answer: ${(error as Error).message}`);
        return { ok: false, kind: 'failed', message: 'The server cannot be reached; nothing was changed.' };
      }
      const parsed = validate(HTTP_ERROR_BODY, error.error);
      const message = parsed.ok ? parsed.value.message : error.message;
      if (error.status === 401) {
        this.auth.endSession(parsed.ok && parsed.value.code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected', token);
        return { ok: false, kind: 'failed', message: 'You are signed out.' };
      }
      if (error.status === 400) return { ok: false, kind: 'refused', message };
      if (error.status === 404) return { ok: false, kind: 'failed', message: 'This server has no language model API.' };
      if (error.status !== 403) console.error(`TnT: the language API answered ${error.status}: ${message}`);
      return { ok: false, kind: 'failed', message: error.status === 0 ? 'The server cannot be reached; nothing was changed.' : message };
    }
  }
}
