export {
  AGENT_ID_PATTERN,
  canonicalUsername,
  isUserRole,
  MAX_PASSWORD_LENGTH,
  type NewUser,
  type StoredUser,
  USER_ROLES,
  UserDirectoryError,
  type UserRole,
  type UserSummary,
  summarize,
  USERNAME_PATTERN,
  validateNewUser,
} from './lib/user-record';
export { hashPassword, verifyAgainstDecoy, verifyPassword } from './lib/password-hash';
export { UserDirectory, type UserDirectoryOptions } from './lib/user-directory';
export { loadOrCreateIngestApiKeys, loadOrCreateJwtSecret, type StoredSecret } from './lib/data-dir-secrets';
