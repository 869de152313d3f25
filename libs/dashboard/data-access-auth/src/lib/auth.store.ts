import { Injectable, computed, inject, signal } from '@angular/core';
import type { SessionEndReason } from '@tnt/dashboard/data-access-socket';
import { Subject, type Observable } from 'rxjs';
import { AuthApiClient, type SignInResult } from './auth-api.client';
import type { AuthSession } from './auth-session';
import { SessionPersistence } from './session-persistence';

/** A session the server stopped accepting (not one the user signed out of). */
export interface EndedSession {
  readonly reason: SessionEndReason;
  /** Who was signed in, to offer the same name again. */
  readonly username: string;
}

/**
 * Who is signed in, as signals: the session (restored from this tab's storage at start), signing
 * in and out, and the end of a session the server no longer accepts, which the app answers by
 * showing the sign-in page.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApiClient);
  private readonly persistence = inject(SessionPersistence);
  private readonly sessionSignal = signal<AuthSession | undefined>(this.persistence.read());
  private readonly endedSignal = signal<EndedSession | undefined>(undefined);
  private readonly endings = new Subject<EndedSession>();

  /** The signed-in session, or `undefined`. */
  readonly session = this.sessionSignal.asReadonly();
  /** True while someone is signed in. */
  readonly signedIn = computed(() => this.session() !== undefined);
  /** Why the last session ended by itself, until someone signs in again or out. */
  readonly endedSession = this.endedSignal.asReadonly();
  /** Emits each time the server stops accepting the session. */
  readonly sessionEnded$: Observable<EndedSession> = this.endings.asObservable();

  /** The bearer token of the signed-in session. */
  token(): string | undefined {
    return this.session()?.token;
  }

  /** Signs in; on success the session is stored for this tab and replaces any earlier one. */
  async signIn(username: string, password: string): Promise<SignInResult> {
    const result = await this.api.signIn(username, password);
    if (result.ok) {
      this.persistence.write(result.session);
      this.sessionSignal.set(result.session);
    }
    return result;
  }

  /** Signs out: forgets the session here and in storage. */
  signOut(): void {
    this.persistence.clear();
    this.sessionSignal.set(undefined);
    this.endedSignal.set(undefined);
  }

  /**
   * The server no longer accepts `token` (expired, or the user was removed). Ends the session
   * that holds it; a token of an earlier session is ignored, so a late answer about it cannot
   * sign out someone who has signed in again since.
   */
  endSession(reason: SessionEndReason, token: string): void {
    const session = this.session();
    if (!session || session.token !== token) return;
    const ended: EndedSession = { reason, username: session.username };
    this.persistence.clear();
    this.sessionSignal.set(undefined);
    this.endedSignal.set(ended);
    this.endings.next(ended);
  }
}
