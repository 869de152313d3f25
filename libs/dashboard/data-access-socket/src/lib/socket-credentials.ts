import { InjectionToken } from '@angular/core';

/**
 * The WebSocket subprotocol that carries the token: the socket offers `['bearer', <token>]` and
 * the gateway answers `bearer`. Browsers cannot set headers on a WebSocket, and a token in the
 * URL (`?token=`) would end up in proxy and server logs.
 */
export const BEARER_SUBPROTOCOL = 'bearer';

/** What the server says about a token: still good, expired, refused for another reason, or no answer. */
export type TokenStatus = 'valid' | 'expired' | 'rejected' | 'unknown';

/** Why the server stopped accepting a session's token. */
export type SessionEndReason = 'expired' | 'rejected';

/**
 * How the socket proves who is signed in; the auth lib provides it (`provideAuthenticatedSocket`).
 * Without it the socket connects without a token, which only a test peer accepts.
 */
export interface SocketCredentials {
  /** The token for the next connection attempt; `undefined` while nobody is signed in. */
  token(): string | undefined;
  /**
   * Asks the server about a token after an upgrade failed. A browser shows an upgrade the server
   * refused with 401 exactly like a network failure, so only a separate request can tell them apart.
   */
  checkToken(token: string): Promise<TokenStatus>;
  /** The server no longer accepts `token`: that session is over and its user must sign in again. */
  sessionEnded(reason: SessionEndReason, token: string): void;
}

/** The {@link SocketCredentials} the socket uses, when provided. */
export const SOCKET_CREDENTIALS = new InjectionToken<SocketCredentials>('SOCKET_CREDENTIALS');

/** The subprotocols that present `token` on an upgrade. */
export function bearerSubprotocols(token: string): string[] {
  return [BEARER_SUBPROTOCOL, token];
}
