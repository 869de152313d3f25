export { AUTH_ERROR_CODES, authError, type AuthErrorCode, type AuthFailure, authFailure } from './lib/auth-errors';
export { callScopeOf, canSeeCall, type Principal } from './lib/principal';
export { type RejectedToken, type TokenVerification, type VerifiedToken } from './lib/token-verification';
export { type IssuedToken, LocalTokenService } from './lib/local-token-service';
export { TokenVerifier } from './lib/token-verifier';
export { type CredentialSource } from './lib/credential-extraction';
export {
  type IngestAccepted,
  type IngestAuthentication,
  IngestAuthenticator,
  type IngestEndpoint,
  type IngestRefused,
} from './lib/ingest-authenticator';
export { authenticationOf, type RequestAuthentication } from './lib/request-principal';
export { type UpgradeAccepted, UpgradeAuthenticator, type UpgradeRefusal } from './lib/upgrade-authenticator';
export { guardedSocketOptions, type GuardedSocketOptions } from './lib/ws-upgrade-options';
export { CurrentPrincipal, RequireRoles } from './lib/roles.decorator';
export { BearerAuthGuard } from './lib/bearer-auth.guard';
export { AUDIOHOOK_NONCES, INGEST_API_KEYS } from './lib/auth-tokens';
export { AuthModule, type AuthModuleOptions, type NonceStoreProvider, type UserStoreProvider } from './lib/auth.module';
export { USER_STORE, type UserStore } from './lib/user-store';
