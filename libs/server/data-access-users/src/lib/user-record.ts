import { isUserRole, MAX_LOGIN_PASSWORD_LENGTH, USER_ROLES, type UserRole } from '@tnt/protocol';

// The roles are the protocol's (a sign-in answers with one), so the directory and the wire cannot disagree.
export { isUserRole, USER_ROLES, type UserRole };

/** A user as stored in `users.json`. */
export interface StoredUser {
  /** Lower-case login name, unique. */
  readonly username: string;
  readonly role: UserRole;
  /** The agent id whose calls an agent sees (the `agentId` of `CallInfo`); agents only. */
  readonly agentId?: string;
  /** scrypt hash from `hashPassword`; never leaves the directory. */
  readonly passwordHash: string;
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601 of the last password or role change. */
  readonly updatedAt?: string;
  /** Created by demo mode, which may reset its password at every start. */
  readonly demo?: boolean;
}

/** A user without its password hash: what listings and logins hand out. */
export type UserSummary = Omit<StoredUser, 'passwordHash'>;

/** What is needed to create a user. */
export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: UserRole;
  readonly agentId?: string;
  readonly demo?: boolean;
}

/** Usernames: 1–64 letters, digits, `.`, `_`, `-`, `@`, starting with a letter or digit; compared in lower case. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** Agent ids as they appear in calls: 1–128 characters, no spaces or control characters. */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

/** Shortest password the directory accepts. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * Longest password the directory accepts (scrypt takes any length; this bounds the work per login).
 * The login body's schema in the protocol refuses longer ones before they reach the directory.
 */
export const MAX_PASSWORD_LENGTH = MAX_LOGIN_PASSWORD_LENGTH;

/** Input the directory refuses or a file it cannot read; `message` says which field or file. */
export class UserDirectoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserDirectoryError';
  }
}

/** The canonical (lower-case, trimmed) form of a username. */
export function canonicalUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Checks a new user's fields and throws a {@link UserDirectoryError} naming the first bad one. */
export function validateNewUser(user: NewUser): void {
  const username = canonicalUsername(user.username);
  if (!USERNAME_PATTERN.test(username)) {
    throw new UserDirectoryError(
      `username must be 1-64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit (got ${JSON.stringify(user.username)})`,
    );
  }
  if (!isUserRole(user.role))
    throw new UserDirectoryError(`role must be one of ${USER_ROLES.join(', ')} (got ${JSON.stringify(user.role)})`);
  if (user.role === 'agent') {
    if (user.agentId === undefined || !AGENT_ID_PATTERN.test(user.agentId)) {
      throw new UserDirectoryError(
        `an agent needs an agentId of 1-128 letters, digits, '.', '_', ':', '@' or '-' (got ${JSON.stringify(user.agentId)})`,
      );
    }
  } else if (user.agentId !== undefined) {
    throw new UserDirectoryError('only agents have an agentId');
  }
  if (user.password.length < MIN_PASSWORD_LENGTH || user.password.length > MAX_PASSWORD_LENGTH) {
    throw new UserDirectoryError(`password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`);
  }
}

/** `user` without its password hash. */
export function summarize(user: StoredUser): UserSummary {
  const { passwordHash: _passwordHash, ...summary } = user;
  return summary;
}
