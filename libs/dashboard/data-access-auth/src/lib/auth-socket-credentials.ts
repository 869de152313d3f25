import { Injectable, inject, type Provider } from '@angular/core';
import { SOCKET_CREDENTIALS, type SessionEndReason, type SocketCredentials, type TokenStatus } from '@tnt/dashboard/data-access-socket';
import { AuthApiClient } from './auth-api.client';
import { AuthStore } from './auth.store';

/** The socket's credentials from the auth store: the signed-in token, `/api/auth/me` to check it, and the end of the session. */
@Injectable({ providedIn: 'root' })
export class AuthSocketCredentials implements SocketCredentials {
  private readonly store = inject(AuthStore);
  private readonly api = inject(AuthApiClient);

  token(): string | undefined {
    return this.store.token();
  }

  checkToken(token: string): Promise<TokenStatus> {
    return this.api.checkToken(token);
  }

  sessionEnded(reason: SessionEndReason, token: string): void {
    this.store.endSession(reason, token);
  }
}

/** Makes the UI socket present the signed-in user's token and end the session when the server refuses it. */
export function provideAuthenticatedSocket(): Provider {
  return { provide: SOCKET_CREDENTIALS, useExisting: AuthSocketCredentials };
}
