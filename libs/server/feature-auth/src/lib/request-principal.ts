import type { IncomingMessage } from 'node:http';
import type { Principal } from './principal';

/** What authentication established about one request (an HTTP request or a WebSocket upgrade). */
export interface RequestAuthentication {
  readonly principal: Principal;
  /** When the token expires; a WebSocket should be closed then. */
  readonly expiresAt: Date | undefined;
}

// Keyed by the request object itself: Express requests are the same IncomingMessage, so the
// guard, the upgrade check and the gateway's handleConnection all see one record, and it goes
// away with the request.
const authentications = new WeakMap<IncomingMessage, RequestAuthentication>();

/** Records who `request` is from (done by the guard and the upgrade check). */
export function attachAuthentication(request: IncomingMessage, authentication: RequestAuthentication): void {
  authentications.set(request, authentication);
}

/** What authentication established about `request`, if it was authenticated. */
export function authenticationOf(request: IncomingMessage): RequestAuthentication | undefined {
  return authentications.get(request);
}

/** The principal of an authenticated request; throws when the request never passed authentication (a wiring bug). */
export function principalOf(request: IncomingMessage): Principal {
  const authentication = authentications.get(request);
  if (!authentication) throw new Error(`request ${request.method ?? ''} ${request.url ?? ''} was not authenticated`);
  return authentication.principal;
}
