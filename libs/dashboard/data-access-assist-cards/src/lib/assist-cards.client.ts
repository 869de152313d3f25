import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { ASSIST_CARDS_STATE, ERROR_CODES, HTTP_ERROR_BODY, validate, type AssistCard } from '@tnt/protocol';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { firstValueFrom, timeout } from 'rxjs';

/** Where the gateway's cards API lives: `/api/assist-cards` on the page's own origin unless provided. */
export const ASSIST_CARDS_API_URL = new InjectionToken<string>('ASSIST_CARDS_API_URL', {
  providedIn: 'root',
  factory: () => '/api/assist-cards',
});

/** A request not answered by then is reported instead of spinning forever. */
const REQUEST_TIMEOUT_MS = 20_000;

/**
 * The outcome of a cards request: the cards in force with their store version, or why not
 * (`refused` carries the server's 400 message, `conflict` its 409: someone else saved since).
 */
export type CardsResult =
  | { readonly ok: true; readonly cards: AssistCard[]; readonly version: number }
  | { readonly ok: false; readonly kind: 'refused' | 'conflict' | 'failed'; readonly message: string };

/**
 * The gateway's agent-assist cards over HTTP (`GET`/`PUT /api/assist-cards`), with the signed-in
 * supervisor's token; a token no longer accepted ends the session. A save carries the version the
 * page read, so the server refuses it (409) when someone else saved since. Every failure is a result.
 */
@Injectable({ providedIn: 'root' })
export class AssistCardsClient {
  private readonly http = inject(HttpClient);
  private readonly url = inject(ASSIST_CARDS_API_URL);
  private readonly auth = inject(AuthStore);

  /** The cards in force and their version. */
  list(): Promise<CardsResult> {
    return this.send('GET');
  }

  /** Puts `cards` in force, all at once, over `version` (the one read). */
  replace(cards: readonly AssistCard[], version: number): Promise<CardsResult> {
    return this.send('PUT', { cards, version });
  }

  private async send(method: 'GET' | 'PUT', body?: unknown): Promise<CardsResult> {
    const token = this.auth.token();
    if (token === undefined) return { ok: false, kind: 'failed', message: 'You are signed out.' };
    try {
      const headers = { Authorization: `Bearer ${token}` };
      const answer = await firstValueFrom(
        this.http.request<unknown>(method, this.url, { headers, body }).pipe(timeout(REQUEST_TIMEOUT_MS)),
      );
      const checked = validate(ASSIST_CARDS_STATE, answer);
      if (checked.ok) return { ok: true, cards: checked.value.cards, version: checked.value.version };
      console.error(`TnT: the cards API answered something that is not a list of cards: ${checked.message}`);
      return { ok: false, kind: 'failed', message: `The server answered something that is not a list of cards: ${checked.message}` };
    } catch (error) {
      if (!(error instanceof HttpErrorResponse)) {
        console.warn(`TnT: the cards API did not answer: ${(error as Error).message}`);
        return { ok: false, kind: 'failed', message: 'The server cannot be reached; nothing was changed.' };
      }
      const parsed = validate(HTTP_ERROR_BODY, error.error);
      const message = parsed.ok ? parsed.value.message : error.message;
      if (error.status === 401) {
        this.auth.endSession(parsed.ok && parsed.value.code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected', token);
        return { ok: false, kind: 'failed', message: 'You are signed out.' };
      }
      if (error.status === 400) return { ok: false, kind: 'refused', message };
      if (error.status === 409) return { ok: false, kind: 'conflict', message };
      if (error.status === 404) return { ok: false, kind: 'failed', message: 'This server has no agent-assist cards API.' };
      if (error.status !== 403) console.error(`TnT: the cards API answered ${error.status}: ${message}`);
      return { ok: false, kind: 'failed', message: error.status === 0 ? 'The server cannot be reached; nothing was changed.' : message };
    }
  }
}
