export { type AuthSession, roleLabel } from './lib/auth-session';
export { type SignInProblem, type SignInResult } from './lib/auth-api.client';
export { AuthStore, type EndedSession } from './lib/auth.store';
export { type AuthOptions, provideAuth } from './lib/provide-auth';
export {
  API_REQUEST_TIMEOUT_MS,
  type ApiFailure,
  type ApiNames,
  type ApiResult,
  AuthorizedApi,
  type AuthorizedDownload,
  type AuthorizedRequest,
  type FailureTexts,
  failureResult,
} from './lib/authorized-api';
export { readBlobText } from './lib/blob-text';
