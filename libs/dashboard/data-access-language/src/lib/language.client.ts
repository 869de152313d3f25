import { Injectable, InjectionToken, inject } from '@angular/core';
import { LANGUAGE_MODEL_STATUS, type LanguageModelStatus } from '@tnt/protocol';
import { AuthorizedApi, failureResult, type FailureTexts } from '@tnt/dashboard/data-access-auth';

/** Where the gateway's language model API lives: `/api/language` on the page's own origin unless provided. */
export const LANGUAGE_API_URL = new InjectionToken<string>('LANGUAGE_API_URL', {
  providedIn: 'root',
  factory: () => '/api/language',
});

/** How the language API is named in logs and messages; a 400 names the line it refuses. */
const LANGUAGE_API: FailureTexts<'refused'> = {
  api: 'the language API',
  answer: 'a language model status',
  missing: 'This server has no language model API.',
  statuses: { 400: 'refused' },
};

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
  private readonly api = inject(AuthorizedApi);
  private readonly url = inject(LANGUAGE_API_URL);

  /** Which model decodes new calls, and how the latest build went. */
  status(): Promise<LanguageResult> {
    return this.send('GET');
  }

  /** Starts building a model of `domainText` and `vocabulary`; the answer says `building` (202). */
  replace(domainText: string, vocabulary: string): Promise<LanguageResult> {
    return this.send('PUT', { domainText, vocabulary });
  }

  private async send(method: 'GET' | 'PUT', body?: unknown): Promise<LanguageResult> {
    const result = await this.api.request({ ...LANGUAGE_API, method, url: this.url, body, schema: LANGUAGE_MODEL_STATUS });
    return result.ok ? { ok: true, status: result.value } : failureResult(result.failure, LANGUAGE_API);
  }
}
