export {
  AGENT_ID_PATTERN,
  isUserRole,
  MAX_PASSWORD_LENGTH,
  type NewUser,
  type StoredUser,
  USER_ROLES,
  UserDirectoryError,
  type UserRole,
  type UserSummary,
} from './lib/user-record';
export { UserDirectory, type UserDirectoryOptions } from './lib/user-directory';
export { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, type StoredSecret } from './lib/data-dir-secrets';
