import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import {
  ERROR_CODES,
  HISTORY_PAGE,
  HISTORY_TRANSCRIPT,
  HTTP_ERROR_BODY,
  validate,
  type HistoryPage,
  type HistoryTranscript,
  type HttpErrorBody,
  type Schema,
  type TranscriptFormat,
} from '@tnt/protocol';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { TimeoutError, firstValueFrom, timeout, type Observable } from 'rxjs';
import { historyQueryParams, type HistoryFilters, type HistoryPaging } from './history-filters';
import type { HistoryProblem, HistoryResult } from './history-problem';
import { readBlobText, transcriptFileName, type TranscriptFile } from './transcript-file';

/** Where the gateway's history API lives: `/api/calls` on the page's own origin unless provided. */
export const HISTORY_API_URL = new InjectionToken<string>('HISTORY_API_URL', { providedIn: 'root', factory: () => '/api/calls' });

/** A listing or transcript not answered by then is reported as unreachable instead of spinning forever. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Exports of long calls take longer to render and send. */
const EXPORT_TIMEOUT_MS = 60_000;
/** Answers of a proxy in front of the gateway that could not reach it. */
const PROXY_CANNOT_REACH = new Set([502, 504]);

/**
 * The `{code, message}` of an error answer (the protocol's `HTTP_ERROR_BODY`), whatever form
 * HttpClient left it in (object, text, or a Blob for file requests). An answer that is not one (a
 * proxy's page, say) yields at most a message.
 */
async function errorBodyOf(error: HttpErrorResponse): Promise<Partial<HttpErrorBody>> {
  let body: unknown = error.error;
  if (body instanceof Blob) body = await readBlobText(body);
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON (a proxy's HTML page, say): its start is the best message there is.
      return { message: text.slice(0, 200) };
    }
  }
  const checked = validate(HTTP_ERROR_BODY, body);
  if (checked.ok) return checked.value;
  console.warn(`TnT: the history API's ${error.status} answer is not {code, message}: ${checked.message}`);
  return {};
}

/**
 * The gateway's history API over HTTP (`/api/calls`): listing and searching stored calls, one
 * call's transcript, and exports. Every request carries the signed-in person's token; an answer
 * that the token is no longer accepted ends the session (the app then shows the sign-in page).
 * Every failure comes back as a {@link HistoryProblem}.
 */
@Injectable({ providedIn: 'root' })
export class HistoryApiClient {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(HISTORY_API_URL);
  private readonly auth = inject(AuthStore);

  /** One page of stored calls matching `filters`, newest first. */
  listCalls(filters: HistoryFilters, paging: HistoryPaging): Promise<HistoryResult<HistoryPage>> {
    const params = historyQueryParams(filters, paging);
    return this.request((headers) => this.http.get<unknown>(this.baseUrl, { headers, params }), REQUEST_TIMEOUT_MS).then((result) =>
      result.ok ? this.checked(result.value, HISTORY_PAGE, 'a page of calls') : result,
    );
  }

  /** The stored call with its final segments, as the JSON export gives them. */
  transcript(callId: string): Promise<HistoryResult<HistoryTranscript>> {
    const url = `${this.baseUrl}/${encodeURIComponent(callId)}/transcript`;
    return this.request((headers) => this.http.get<unknown>(url, { headers, params: { format: 'json' } }), REQUEST_TIMEOUT_MS).then(
      (result) => (result.ok ? this.checked(result.value, HISTORY_TRANSCRIPT, 'a transcript') : result),
    );
  }

  /** The transcript exported as a file, exactly as the server rendered it. */
  async exportTranscript(callId: string, format: TranscriptFormat): Promise<HistoryResult<TranscriptFile>> {
    const url = `${this.baseUrl}/${encodeURIComponent(callId)}/transcript`;
    const result = await this.request(
      (headers) => this.http.get(url, { headers, params: { format }, responseType: 'blob' }),
      EXPORT_TIMEOUT_MS,
    );
    return result.ok ? { ok: true, value: { blob: result.value, fileName: transcriptFileName(callId, format) } } : result;
  }

  private async request<T>(send: (headers: Record<string, string>) => Observable<T>, timeoutMs: number): Promise<HistoryResult<T>> {
    const token = this.auth.token();
    if (token === undefined) return { ok: false, problem: { kind: 'signed-out' } };
    try {
      return { ok: true, value: await firstValueFrom(send({ Authorization: `Bearer ${token}` }).pipe(timeout(timeoutMs))) };
    } catch (error) {
      if (error instanceof TimeoutError) {
        console.warn(`TnT: the history API did not answer within ${timeoutMs} ms`);
        return { ok: false, problem: { kind: 'unreachable' } };
      }
      if (!(error instanceof HttpErrorResponse)) throw error;
      return { ok: false, problem: await this.problemOf(error, token) };
    }
  }

  private async problemOf(error: HttpErrorResponse, token: string): Promise<HistoryProblem> {
    if (error.status === 0 || PROXY_CANNOT_REACH.has(error.status)) return { kind: 'unreachable' };
    const body = await errorBodyOf(error);
    const message = body.message ?? error.message;
    if (error.status === 401) {
      this.auth.endSession(body.code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected', token);
      return { kind: 'signed-out' };
    }
    if (error.status === 403) return { kind: 'forbidden', message };
    if (error.status === 404 && body.code === ERROR_CODES.CALL_NOT_FOUND) return { kind: 'not-found', message };
    if (error.status === 503 && body.code === ERROR_CODES.HISTORY_UNAVAILABLE) return { kind: 'unavailable', message };
    if (error.status === 400) return { kind: 'invalid-request', message };
    console.error(`TnT: the history API answered ${error.status}${body.code ? ` ${body.code}` : ''}: ${message}`);
    return { kind: 'unexpected', status: error.status, message };
  }

  /**
   * The answer when it fits the protocol's schema of it; otherwise an `unexpected` problem whose
   * message says which field is wrong, so the page explains it instead of rendering half a call.
   */
  private checked<T>(value: unknown, schema: Schema<T>, what: string): HistoryResult<T> {
    const result = validate(schema, value);
    if (result.ok) return { ok: true, value: result.value };
    console.error(`TnT: the history API answered with something that is not ${what}: ${result.message}`);
    return { ok: false, problem: { kind: 'unexpected', status: 200, message: `the answer is not ${what}: ${result.message}` } };
  }
}
