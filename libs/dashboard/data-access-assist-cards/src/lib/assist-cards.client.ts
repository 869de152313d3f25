import { Injectable, InjectionToken, inject } from '@angular/core';
import { ASSIST_CARDS_STATE, type AssistCard } from '@tnt/protocol';
import { AuthorizedApi, failureResult, type FailureTexts } from '@tnt/dashboard/data-access-auth';

/** Where the gateway's cards API lives: `/api/assist-cards` on the page's own origin unless provided. */
export const ASSIST_CARDS_API_URL = new InjectionToken<string>('ASSIST_CARDS_API_URL', {
  providedIn: 'root',
  factory: () => '/api/assist-cards',
});

/** How the cards API is named in logs and messages; a 400 names the field it refuses, a 409 the version saved since. */
const CARDS_API: FailureTexts<'refused' | 'conflict'> = {
  api: 'the cards API',
  answer: 'a list of cards',
  missing: 'This server has no agent-assist cards API.',
  statuses: { 400: 'refused', 409: 'conflict' },
};

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
  private readonly api = inject(AuthorizedApi);
  private readonly url = inject(ASSIST_CARDS_API_URL);

  /** The cards in force and their version. */
  list(): Promise<CardsResult> {
    return this.send('GET');
  }

  /** Puts `cards` in force, all at once, over `version` (the one read). */
  replace(cards: readonly AssistCard[], version: number): Promise<CardsResult> {
    return this.send('PUT', { cards, version });
  }

  private async send(method: 'GET' | 'PUT', body?: unknown): Promise<CardsResult> {
    const result = await this.api.request({ ...CARDS_API, method, url: this.url, body, schema: ASSIST_CARDS_STATE });
    return result.ok ? { ok: true, cards: result.value.cards, version: result.value.version } : failureResult(result.failure, CARDS_API);
  }
}
