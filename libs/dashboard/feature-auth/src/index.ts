export { homePathOf } from './lib/home-path';
export { ownAgentViewOnly, requireSignIn, signedOutOnly, supervisorsOnly } from './lib/auth.guards';
export { FULL_PAGE_LOAD } from './lib/full-page-load';
export { AccountStatusComponent } from './lib/account-status.component';
export { provideSessionEndRedirect } from './lib/session-end-redirect';
