import { Injectable, InjectionToken, inject, signal } from '@angular/core';

/** Where dismissals are kept: the tab's `sessionStorage`, so they last as long as the tab (provide another in tests). */
export const ASSIST_DISMISSAL_STORAGE = new InjectionToken<Storage | undefined>('ASSIST_DISMISSAL_STORAGE', {
  providedIn: 'root',
  factory: () => (typeof sessionStorage === 'undefined' ? undefined : sessionStorage),
});

/** The key under which the dismissed cards are written. */
export const ASSIST_DISMISSALS_KEY = 'tnt.assist.dismissed';
/** Most dismissals remembered (the oldest are forgotten first), so a long shift does not fill the storage. */
export const MAX_ASSIST_DISMISSALS = 500;

/** `dismissed` with `key` added as the newest, the oldest dropped past {@link MAX_ASSIST_DISMISSALS}. */
export function withDismissal(dismissed: readonly string[], key: string): readonly string[] {
  if (dismissed.includes(key)) return dismissed;
  return [...dismissed, key].slice(-MAX_ASSIST_DISMISSALS);
}

/** The dismissals written in `text`, or none when it is missing or not a list of strings. */
export function parseDismissals(text: string | null): readonly string[] {
  if (text === null) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((key): key is string => typeof key === 'string').slice(-MAX_ASSIST_DISMISSALS) : [];
  } catch (error) {
    console.warn(`TnT: the dismissed assist cards in sessionStorage are not JSON, starting afresh: ${(error as Error).message}`);
    return [];
  }
}

/**
 * The assist cards the agent dismissed in this tab (see `assistDismissalKey`), kept in
 * `sessionStorage` so a reload does not bring them back while a new tab starts clean.
 */
@Injectable({ providedIn: 'root' })
export class AssistDismissalsStore {
  private readonly storage = inject(ASSIST_DISMISSAL_STORAGE);
  private readonly keys = signal<readonly string[]>(parseDismissals(this.storage?.getItem(ASSIST_DISMISSALS_KEY) ?? null));
  private readonly keySet = signal<ReadonlySet<string>>(new Set(this.keys()));

  /** The dismissed cards' keys. */
  readonly dismissed = this.keySet.asReadonly();

  /** Hides the card with `key` for the rest of this tab's life. */
  dismiss(key: string): void {
    const next = withDismissal(this.keys(), key);
    if (next === this.keys()) return;
    this.keys.set(next);
    this.keySet.set(new Set(next));
    try {
      this.storage?.setItem(ASSIST_DISMISSALS_KEY, JSON.stringify(next));
    } catch (error) {
      // Storage full or refused (private mode): the card stays dismissed until the tab reloads.
      console.warn(`TnT: could not keep the dismissed assist card in sessionStorage: ${(error as Error).message}`);
    }
  }
}
