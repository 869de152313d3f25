import { Injectable, InjectionToken, inject } from '@angular/core';
import { AuthorizedApi, type ApiFailure, type ApiNames } from '@tnt/dashboard/data-access-auth';
import { ALERT_RULES_STATE, type AlertRule, type AlertRulesState } from '@tnt/protocol';
import type { RulesFailure } from './rules-editor';

/** Where the gateway's rules API lives: `/api/alert-rules` on the page's own origin unless provided. */
export const ALERT_RULES_API_URL = new InjectionToken<string>('ALERT_RULES_API_URL', {
  providedIn: 'root',
  factory: () => '/api/alert-rules',
});

const RULES_API: ApiNames = { api: 'the rules API', answer: 'a rule set' };

/** The outcome of a rules request. */
export type RulesResult = { readonly ok: true; readonly value: AlertRulesState } | { readonly ok: false; readonly failure: RulesFailure };

/**
 * `GET`/`PUT /api/alert-rules` with the signed-in supervisor's token. A save carries the version the
 * page read, so the server refuses it (409) when someone else saved since. A 401 ends the session.
 */
@Injectable({ providedIn: 'root' })
export class AlertRulesApiClient {
  private readonly api = inject(AuthorizedApi);
  private readonly url = inject(ALERT_RULES_API_URL);

  /** The rules in force and their version. */
  load(): Promise<RulesResult> {
    return this.send('GET');
  }

  /** Saves `rules` over `version`. */
  save(rules: readonly AlertRule[], version: number): Promise<RulesResult> {
    return this.send('PUT', { rules, version });
  }

  private async send(method: 'GET' | 'PUT', body?: unknown): Promise<RulesResult> {
    const result = await this.api.request({ ...RULES_API, method, url: this.url, body, schema: ALERT_RULES_STATE });
    return result.ok ? { ok: true, value: result.value } : { ok: false, failure: rulesFailureOf(result.failure) };
  }
}

/** The page's failure: a refusal keeps the server's status, code and message, so the editor can show it at the field it names. */
function rulesFailureOf(failure: ApiFailure): RulesFailure {
  switch (failure.kind) {
    case 'signed-out':
      return { status: 401, message: 'You are signed out: sign in again to edit the rules.' };
    case 'unreachable':
      return { status: 0, message: 'The server did not answer: check the connection and try again.' };
    case 'invalid-answer':
      return { status: 200, message: `The server's answer is not a rule set (${failure.message}).` };
    case 'error-status':
      return { status: failure.status, code: failure.code, message: failure.message };
  }
}
