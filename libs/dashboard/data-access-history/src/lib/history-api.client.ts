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
  type TranscriptFormat,
} from '@tnt/protocol';
import { AuthorizedApi, type ApiFailure, type ApiResult } from '@tnt/dashboard/data-access-auth';
import { historyQueryParams, type HistoryFilters, type HistoryPaging } from './history-filters';
import type { HistoryProblem, HistoryResult } from './history-problem';
import { transcriptFileName, type TranscriptFile } from './transcript-file';

/** Where the gateway's history API lives: `/api/calls` on the page's own origin unless provided. */
export const HISTORY_API_URL = new InjectionToken<string>('HISTORY_API_URL', { providedIn: 'root', factory: () => '/api/calls' });

/** How the history API is named in log lines. */
const HISTORY_API = 'the history API';
/** A listing or transcript not answered by then is reported as unreachable instead of spinning forever. */
const REQUEST_TIMEOUT_MS = 20_000;
/** Exports of long calls take longer to render and send. */
const EXPORT_TIMEOUT_MS = 60_000;
/** Answers of a proxy in front of the gateway that could not reach it. */
const PROXY_CANNOT_REACH = new Set([502, 504]);

/**
 * The `{code, message}` of an error answer (the protocol's `HTTP_ERROR_BODY`), whatever form it
 * came in (object, or text). An answer that is not one (a proxy's page, say) yields at most a message.
 */
function errorBodyOf(status: number, answer: unknown): Partial<HttpErrorBody> {
  let body = answer;
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
  console.warn(`TnT: the history API's ${status} answer is not {code, message}: ${checked.message}`);
  return {};
}

/**
 * The gateway's history API over HTTP (`/api/calls`): listing and searching stored calls, one
 * call's transcript, and exports, sent through {@link AuthorizedApi}: every request carries the
 * signed-in person's token; an answer that the token is no longer accepted ends the session (the
 * app then shows the sign-in page). Every failure comes back as a {@link HistoryProblem}.
 */
@Injectable({ providedIn: 'root' })
export class HistoryApiClient {
  private readonly api = inject(AuthorizedApi);
  private readonly baseUrl = inject(HISTORY_API_URL);

  /** One page of stored calls matching `filters`, newest first. */
  async listCalls(filters: HistoryFilters, paging: HistoryPaging): Promise<HistoryResult<HistoryPage>> {
    const params = historyQueryParams(filters, paging);
    const result = await this.api.request({
      api: HISTORY_API,
      answer: 'a page of calls',
      method: 'GET',
      url: this.baseUrl,
      params,
      schema: HISTORY_PAGE,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    return historyResultOf(result, 'a page of calls');
  }

  /** The stored call with its final segments, as the JSON export gives them. */
  async transcript(callId: string): Promise<HistoryResult<HistoryTranscript>> {
    const url = `${this.baseUrl}/${encodeURIComponent(callId)}/transcript`;
    const result = await this.api.request({
      api: HISTORY_API,
      answer: 'a transcript',
      method: 'GET',
      url,
      params: { format: 'json' },
      schema: HISTORY_TRANSCRIPT,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    return historyResultOf(result, 'a transcript');
  }

  /** The transcript exported as a file, exactly as the server rendered it. */
  async exportTranscript(callId: string, format: TranscriptFormat): Promise<HistoryResult<TranscriptFile>> {
    const url = `${this.baseUrl}/${encodeURIComponent(callId)}/transcript`;
    const result = await this.api.download({ api: HISTORY_API, url, params: { format }, timeoutMs: EXPORT_TIMEOUT_MS });
    return result.ok
      ? { ok: true, value: { blob: result.value, fileName: transcriptFileName(callId, format) } }
      : historyResultOf(result, 'a file');
  }
}

/** A result of {@link AuthorizedApi} as the history's: the value, or the {@link HistoryProblem} of its failure. */
function historyResultOf<T>(result: ApiResult<T>, answer: string): HistoryResult<T> {
  return result.ok ? result : { ok: false, problem: problemOf(result.failure, answer) };
}

/**
 * The history's problem for a failure of a request for `answer` (`a page of calls`). An answer that
 * is not the documented shape is `unexpected`, its message saying which field is wrong, so the page
 * explains it instead of rendering half a call; a proxy that cannot reach the gateway counts as no answer.
 */
function problemOf(failure: ApiFailure, answer: string): HistoryProblem {
  if (failure.kind === 'signed-out' || failure.kind === 'unreachable') return { kind: failure.kind };
  if (failure.kind === 'invalid-answer') {
    return { kind: 'unexpected', status: 200, message: `the answer is not ${answer}: ${failure.message}` };
  }
  if (PROXY_CANNOT_REACH.has(failure.status)) return { kind: 'unreachable' };
  const body = errorBodyOf(failure.status, failure.body);
  // The server's message, or HttpClient's (`failure.message`) when the body has none.
  const message = body.message ?? failure.message;
  // A 401 has ended the session already (AuthorizedApi).
  if (failure.status === 401) return { kind: 'signed-out' };
  if (failure.status === 403) return { kind: 'forbidden', message };
  if (failure.status === 404 && body.code === ERROR_CODES.CALL_NOT_FOUND) return { kind: 'not-found', message };
  if (failure.status === 503 && body.code === ERROR_CODES.HISTORY_UNAVAILABLE) return { kind: 'unavailable', message };
  if (failure.status === 400) return { kind: 'invalid-request', message };
  console.error(`TnT: the history API answered ${failure.status}${body.code ? ` ${body.code}` : ''}: ${message}`);
  return { kind: 'unexpected', status: failure.status, message };
}
