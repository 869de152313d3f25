export * from './lib/home-path';
export * from './lib/auth.guards';
export * from './lib/sign-in-messages';
export * from './lib/full-page-load';
export * from './lib/account-status.component';
export * from './lib/session-end-redirect';
