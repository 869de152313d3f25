import { DOCUMENT, Injectable, inject } from '@angular/core';
import { LOGIN_RESPONSE, validate } from '@tnt/protocol';
import type { AuthSession } from './auth-session';

/** The sessionStorage key of the signed-in session. */
export const SESSION_STORAGE_KEY = 'tnt.session';

/**
 * Keeps the session in the tab's `sessionStorage`.
 *
 * Why sessionStorage: it survives a reload of the tab, so pressing F5 on a wall board does not
 * sign anyone out, but it is not shared with other tabs and is gone when the tab closes, so a
 * bearer token does not linger on a shared machine the way `localStorage` would keep it. Unlike
 * a cookie it is never sent by the browser on its own, so there is no cross-site request to
 * forge. Script on the page can read it; the gateway's CSP (`script-src 'self'`) is what keeps
 * foreign script off the page.
 *
 * Storage can be unavailable (disabled, or full); the session then lives only in memory for
 * this page, which is logged, not fatal.
 */
@Injectable({ providedIn: 'root' })
export class SessionPersistence {
  private readonly window = inject(DOCUMENT).defaultView;

  /** The stored session, if it is a complete sign-in answer (the protocol's `LOGIN_RESPONSE`). A malformed entry is removed. */
  read(): AuthSession | undefined {
    const stored = this.attempt('read', (storage) => storage.getItem(SESSION_STORAGE_KEY));
    if (stored === undefined || stored === null) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(stored);
    } catch (error) {
      console.warn('TnT: the stored session is not JSON; it is discarded', error);
      this.clear();
      return undefined;
    }
    const session = validate(LOGIN_RESPONSE, parsed);
    if (session.ok) return session.value;
    // The message names a field, never its value: the entry holds a token.
    console.warn(`TnT: the stored session is incomplete (${session.message}); it is discarded`);
    this.clear();
    return undefined;
  }

  /** Stores the session for this tab. */
  write(session: AuthSession): void {
    this.attempt('write', (storage) => storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(session)));
  }

  /** Removes the stored session. */
  clear(): void {
    this.attempt('clear', (storage) => storage.removeItem(SESSION_STORAGE_KEY));
  }

  private attempt<T>(what: string, use: (storage: Storage) => T): T | undefined {
    try {
      const storage = this.window?.sessionStorage;
      return storage ? use(storage) : undefined;
    } catch (error) {
      console.error(`TnT: could not ${what} the session in sessionStorage; it lives in memory for this page only`, error);
      return undefined;
    }
  }
}
