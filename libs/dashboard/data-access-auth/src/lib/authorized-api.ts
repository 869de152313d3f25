import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ERROR_CODES, HTTP_ERROR_BODY, validate, type Schema } from '@tnt/protocol';
import { TimeoutError, firstValueFrom, timeout, type Observable } from 'rxjs';
import { AuthStore } from './auth.store';
import { readBlobText } from './blob-text';

/** A request not answered by then is reported instead of spinning forever. */
export const API_REQUEST_TIMEOUT_MS = 20_000;

/** How an API and its answer are called in log lines and messages. */
export interface ApiNames {
  /** The API in log lines, e.g. `the language API`. */
  readonly api: string;
  /** What a good answer is, e.g. `a language model status`. */
  readonly answer: string;
}

/** One request of {@link AuthorizedApi.request}. */
export interface AuthorizedRequest<T> extends ApiNames {
  readonly method: 'GET' | 'PUT';
  readonly url: string;
  /** Query parameters, added to `url`. */
  readonly params?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The protocol's schema of a good answer. */
  readonly schema: Schema<T>;
  /** Default {@link API_REQUEST_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
}

/** One file of {@link AuthorizedApi.download}: a GET whose answer is kept as it came, as a Blob. */
export type AuthorizedDownload = Pick<AuthorizedRequest<Blob>, 'api' | 'url' | 'params' | 'timeoutMs'>;

/** Why a request of {@link AuthorizedApi.request} brought no answer to use. */
export type ApiFailure =
  /** Nobody is signed in: nothing was sent. */
  | { readonly kind: 'signed-out' }
  /** No answer: the network, the server down, or nothing within the timeout. */
  | { readonly kind: 'unreachable' }
  /** A success answer that does not fit the schema (logged); `message` names the field. */
  | { readonly kind: 'invalid-answer'; readonly message: string }
  /**
   * An error answer: its status, with the server's `{code, message}` when it sent one (otherwise
   * HttpClient's message). A 401 has ended the session. `body` is the answer's body as HttpClient
   * left it (a download's read as text), for a client that reads more from it.
   */
  | {
      readonly kind: 'error-status';
      readonly status: number;
      readonly code: string | undefined;
      readonly message: string;
      readonly body?: unknown;
    };

/** The outcome of {@link AuthorizedApi.request}: the checked answer, or why there is none. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: ApiFailure };

/**
 * The gateway's JSON APIs and file downloads with the signed-in person's token: the part every
 * dashboard REST client shares. It sends the bearer token, gives up after a timeout, checks a JSON
 * answer with the protocol's schema, and ends the session when the server no longer accepts the
 * token (401). Every HTTP failure is a result; only programming errors throw. The clients turn an
 * {@link ApiFailure} into their own results and messages (see {@link failureResult}).
 */
@Injectable({ providedIn: 'root' })
export class AuthorizedApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthStore);

  /** Sends `request` and gives its answer checked with `request.schema`. */
  async request<T>(request: AuthorizedRequest<T>): Promise<ApiResult<T>> {
    const sent = await this.send(request, (headers) =>
      this.http.request<unknown>(request.method, request.url, { headers, params: request.params, body: request.body }),
    );
    if (!sent.ok) return sent;
    const checked = validate(request.schema, sent.value);
    if (checked.ok) return { ok: true, value: checked.value };
    console.error(`TnT: ${request.api} answered something that is not ${request.answer}: ${checked.message}`);
    return { ok: false, failure: { kind: 'invalid-answer', message: checked.message } };
  }

  /** Fetches a file (an export, say) exactly as the server sent it; failures as for {@link request}. */
  download(request: AuthorizedDownload): Promise<ApiResult<Blob>> {
    return this.send(request, (headers) => this.http.get(request.url, { headers, params: request.params, responseType: 'blob' }));
  }

  private async send<T>(
    request: Pick<AuthorizedRequest<unknown>, 'api' | 'timeoutMs'>,
    call: (headers: Record<string, string>) => Observable<T>,
  ): Promise<ApiResult<T>> {
    const token = this.auth.token();
    if (token === undefined) return { ok: false, failure: { kind: 'signed-out' } };
    try {
      const headers = { Authorization: `Bearer ${token}` };
      return { ok: true, value: await firstValueFrom(call(headers).pipe(timeout(request.timeoutMs ?? API_REQUEST_TIMEOUT_MS))) };
    } catch (error) {
      if (error instanceof TimeoutError || (error instanceof HttpErrorResponse && error.status === 0)) {
        console.warn(`TnT: ${request.api} did not answer: ${error.message}`);
        return { ok: false, failure: { kind: 'unreachable' } };
      }
      if (!(error instanceof HttpErrorResponse)) throw error;
      const downloaded = error.error instanceof Blob ? await readBlobText(error.error) : undefined;
      const answer: unknown = downloaded ?? error.error;
      const body = validate(HTTP_ERROR_BODY, downloaded === undefined ? answer : parsedIfJson(downloaded));
      const code = body.ok ? body.value.code : undefined;
      if (error.status === 401) this.auth.endSession(code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected', token);
      return {
        ok: false,
        failure: { kind: 'error-status', status: error.status, code, message: body.ok ? body.value.message : error.message, body: answer },
      };
    }
  }
}

/** A downloaded error answer's text, parsed when it is JSON, so its `{code, message}` counts as any other's. */
function parsedIfJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, say): no code to read.
    return text;
  }
}

/** What {@link failureResult} says for an API: its names, its 404, and the statuses whose server message it shows as such. */
export interface FailureTexts<K extends string> extends ApiNames {
  /** The message of a 404, e.g. `This server has no language model API.` */
  readonly missing: string;
  /** Statuses answered with the server's message under a kind of their own, e.g. `{ 400: 'refused', 409: 'conflict' }`. */
  readonly statuses: Readonly<Partial<Record<number, K>>>;
}

/**
 * The failed result of a settings-like client (language model, agent-assist cards): `failed` with
 * a message a page can show, or one of `texts.statuses` with the server's message (which names
 * the field or the version at fault). Statuses the page does not expect are logged, but a 403.
 */
export function failureResult<K extends string>(
  failure: ApiFailure,
  texts: FailureTexts<K>,
): { readonly ok: false; readonly kind: K | 'failed'; readonly message: string } {
  switch (failure.kind) {
    case 'signed-out':
      return { ok: false, kind: 'failed', message: 'You are signed out.' };
    case 'unreachable':
      return { ok: false, kind: 'failed', message: 'The server cannot be reached; nothing was changed.' };
    case 'invalid-answer':
      return { ok: false, kind: 'failed', message: `The server answered something that is not ${texts.answer}: ${failure.message}` };
    case 'error-status': {
      if (failure.status === 401) return { ok: false, kind: 'failed', message: 'You are signed out.' };
      const kind = texts.statuses[failure.status];
      if (kind !== undefined) return { ok: false, kind, message: failure.message };
      if (failure.status === 404) return { ok: false, kind: 'failed', message: texts.missing };
      if (failure.status !== 403) console.error(`TnT: ${texts.api} answered ${failure.status}: ${failure.message}`);
      return { ok: false, kind: 'failed', message: failure.message };
    }
  }
}
