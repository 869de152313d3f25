import type { NewUser, UserSummary } from '@tnt/server/data-access-users';

/**
 * Where the built-in users live, as logins, token checks, demo accounts and the `users` CLI use
 * them. One process keeps them in a file (`UserDirectory`); a cluster keeps them in PostgreSQL so
 * every instance sees the same users (`PostgresUserDirectory`). Usernames compare case-insensitively;
 * passwords are stored as scrypt hashes and never leave the store.
 */
export interface UserStore {
  /** Every user, by username, without password hashes. */
  list(): Promise<UserSummary[]>;
  /** The user named `username` (any case), if any. */
  find(username: string): Promise<UserSummary | undefined>;
  /** The user when `password` is theirs, otherwise undefined; an unknown username costs the same work as a wrong password. */
  authenticate(username: string, password: string): Promise<UserSummary | undefined>;
  /** Adds a user; an existing username is refused (`UserDirectoryError`) unless `replace`, which keeps `createdAt`. */
  add(user: NewUser, options?: { replace?: boolean }): Promise<UserSummary>;
  /** Removes a user; false when there was none. */
  remove(username: string): Promise<boolean>;
}

/** Injection token of the {@link UserStore}. */
export const USER_STORE = Symbol('USER_STORE');
