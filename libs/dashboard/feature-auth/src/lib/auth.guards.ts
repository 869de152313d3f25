import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { AuthStore } from '@tnt/dashboard/data-access-auth';
import { LOGIN_PATH, homePathOf, returnUrlParams, safeReturnUrl } from './home-path';

/** Pages for signed-in people only: anyone else goes to the sign-in page, which brings them back here. */
export const requireSignIn: CanActivateFn = (_route, state) => {
  if (inject(AuthStore).signedIn()) return true;
  return inject(Router).createUrlTree([LOGIN_PATH], { queryParams: returnUrlParams(state.url) });
};

/** The supervisor board: agents are sent to their own view. */
export const supervisorsOnly: CanActivateFn = () => {
  const session = inject(AuthStore).session();
  if (!session || session.role === 'supervisor') return true;
  return inject(Router).parseUrl(homePathOf(session));
};

/** An agent's view (`agent/:agentId`): supervisors may open any; an agent only its own and is sent there otherwise. */
export const ownAgentViewOnly: CanActivateFn = (route) => {
  const session = inject(AuthStore).session();
  if (!session || session.role === 'supervisor' || route.paramMap.get('agentId') === session.agentId) return true;
  return inject(Router).parseUrl(homePathOf(session));
};

/** The sign-in page: someone already signed in goes where they were headed, or home. */
export const signedOutOnly: CanActivateFn = (route) => {
  const session = inject(AuthStore).session();
  if (!session) return true;
  return inject(Router).parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl')) ?? homePathOf(session));
};
