import type { Provider } from '@angular/core';
import { AUTH_API_URL } from './auth-api.client';
import { provideAuthenticatedSocket } from './auth-socket-credentials';

/** Options of {@link provideAuth}. */
export interface AuthOptions {
  /** The auth API, e.g. `http://127.0.0.1:3000/api/auth`. Default: `/api/auth` on the page's origin. */
  readonly apiUrl?: string;
}

/** Signing in for the dashboard: where the auth API is, and the socket presenting the token. Needs `provideHttpClient()`. */
export function provideAuth(options: AuthOptions = {}): Provider[] {
  return [provideAuthenticatedSocket(), ...(options.apiUrl !== undefined ? [{ provide: AUTH_API_URL, useValue: options.apiUrl }] : [])];
}
