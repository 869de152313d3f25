import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, InjectionToken, inject } from '@angular/core';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { ALERT_RULES_STATE, ERROR_CODES, HTTP_ERROR_BODY, validate, type AlertRule, type AlertRulesState } from '@tnt/protocol';
import { TimeoutError, firstValueFrom, timeout, type Observable } from 'rxjs';
import type { RulesFailure } from './rules-editor';

/** Where the gateway's rules API lives: `/api/alert-rules` on the page's own origin unless provided. */
export const ALERT_RULES_API_URL = new InjectionToken<string>('ALERT_RULES_API_URL', {
  providedIn: 'root',
  factory: () => '/api/alert-rules',
});

const REQUEST_TIMEOUT_MS = 20_000;

/** The outcome of a rules request. */
export type RulesResult = { readonly ok: true; readonly value: AlertRulesState } | { readonly ok: false; readonly failure: RulesFailure };

/**
 * `GET`/`PUT /api/alert-rules` with the signed-in supervisor's token. A save carries the version the
 * page read, so the server refuses it (409) when someone else saved since. A 401 ends the session.
 */
@Injectable({ providedIn: 'root' })
export class AlertRulesApiClient {
  private readonly http = inject(HttpClient);
  private readonly url = inject(ALERT_RULES_API_URL);
  private readonly auth = inject(AuthStore);

  /** The rules in force and their version. */
  load(): Promise<RulesResult> {
    return this.request((headers) => this.http.get<unknown>(this.url, { headers }));
  }

  /** Saves `rules` over `version`. */
  save(rules: readonly AlertRule[], version: number): Promise<RulesResult> {
    return this.request((headers) => this.http.put<unknown>(this.url, { rules, version }, { headers }));
  }

  private async request(send: (headers: Record<string, string>) => Observable<unknown>): Promise<RulesResult> {
    const token = this.auth.token();
    if (token === undefined) return failed(401, 'You are signed out: sign in again to edit the rules.');
    let answer: unknown;
    try {
      answer = await firstValueFrom(send({ Authorization: `Bearer ${token}` }).pipe(timeout(REQUEST_TIMEOUT_MS)));
    } catch (error) {
      if (error instanceof TimeoutError || (error instanceof HttpErrorResponse && error.status === 0))
        return failed(0, 'The server did not answer: check the connection and try again.');
      if (!(error instanceof HttpErrorResponse)) throw error;
      const body = validate(HTTP_ERROR_BODY, error.error);
      const message = body.ok ? body.value.message : error.message;
      if (error.status === 401)
        this.auth.endSession(body.ok && body.value.code === ERROR_CODES.TOKEN_EXPIRED ? 'expired' : 'rejected', token);
      return { ok: false, failure: { status: error.status, code: body.ok ? body.value.code : undefined, message } };
    }
    const checked = validate(ALERT_RULES_STATE, answer);
    if (checked.ok) return { ok: true, value: checked.value };
    console.error(`TnT: the rules API answered with something that is not a rule set: ${checked.message}`);
    return failed(200, `The server's answer is not a rule set (${checked.message}).`);
  }
}

function failed(status: number, message: string): RulesResult {
  return { ok: false, failure: { status, message } };
}
