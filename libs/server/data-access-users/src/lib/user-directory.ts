import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PRIVATE_FILE_MODE, withFileLock, writeFileAtomic } from './atomic-file';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password-hash';
import {
  canonicalUsername,
  isUserRole,
  summarize,
  USERNAME_PATTERN,
  UserDirectoryError,
  validateNewUser,
  type NewUser,
  type StoredUser,
  type UserSummary,
} from './user-record';
import { hasErrorCode } from './errno';

/** Name of the user file inside the data directory. */
export const USERS_FILE_NAME = 'users.json';

/** Layout of `users.json`. */
interface UsersFile {
  version: 1;
  users: StoredUser[];
}

/** Options of {@link UserDirectory}. */
export interface UserDirectoryOptions {
  /** Told when something is wrong but fixable, e.g. a user file readable by others (it is then made 0600). */
  readonly onWarning?: (message: string) => void;
}

interface Snapshot {
  readonly signature: string;
  readonly users: ReadonlyMap<string, StoredUser>;
}

/**
 * The built-in user directory: one JSON file (`<data dir>/users.json`, mode 0600) holding
 * usernames, roles, agent ids and scrypt password hashes. Reads are cached and refreshed when the
 * file changes, so users added with the CLI while the server runs can log in at once; writes are
 * atomic (temporary file + rename) under a lock file shared with the CLI.
 */
export class UserDirectory {
  private snapshot: Snapshot | undefined;

  constructor(
    readonly filePath: string,
    private readonly options: UserDirectoryOptions = {},
  ) {}

  /** The directory kept in `dataDir`. */
  static inDataDir(dataDir: string, options?: UserDirectoryOptions): UserDirectory {
    return new UserDirectory(join(dataDir, USERS_FILE_NAME), options);
  }

  /** Every user, by username, without password hashes. */
  async list(): Promise<UserSummary[]> {
    const users = await this.load();
    return [...users.values()].sort((left, right) => left.username.localeCompare(right.username)).map(summarize);
  }

  /** The user named `username` (any case), if any. */
  async find(username: string): Promise<UserSummary | undefined> {
    const user = (await this.load()).get(canonicalUsername(username));
    return user && summarize(user);
  }

  /**
   * The user when `password` is theirs, otherwise undefined. An unknown username costs the same
   * scrypt work as a wrong password, so response times do not reveal which usernames exist.
   */
  async authenticate(username: string, password: string): Promise<UserSummary | undefined> {
    const user = (await this.load()).get(canonicalUsername(username));
    if (!user) return verifyAgainstDecoy(password).then(() => undefined);
    return (await verifyPassword(password, user.passwordHash)) ? summarize(user) : undefined;
  }

  /**
   * Adds a user (password hashed here). An existing username is refused unless `replace`, which
   * sets the new password, role and agent id and keeps `createdAt`.
   */
  async add(user: NewUser, options: { replace?: boolean } = {}): Promise<UserSummary> {
    validateNewUser(user);
    const username = canonicalUsername(user.username);
    const passwordHash = await hashPassword(user.password);
    return this.modify((users) => {
      const existing = users.get(username);
      if (existing && !options.replace) throw new UserDirectoryError(`user ${username} already exists`);
      const now = new Date().toISOString();
      const stored: StoredUser = {
        username,
        role: user.role,
        ...(user.role === 'agent' ? { agentId: user.agentId } : {}),
        passwordHash,
        createdAt: existing?.createdAt ?? now,
        ...(existing ? { updatedAt: now } : {}),
        ...(user.demo ? { demo: true } : {}),
      };
      users.set(username, stored);
      return summarize(stored);
    });
  }

  /** Removes a user; false when there was none. Their tokens stop working at the next check. */
  async remove(username: string): Promise<boolean> {
    return this.modify((users) => users.delete(canonicalUsername(username)));
  }

  private async modify<T>(change: (users: Map<string, StoredUser>) => T): Promise<T> {
    await mkdir(dirname(this.filePath), { recursive: true, mode: 0o700 });
    return withFileLock(`${this.filePath}.lock`, async () => {
      this.snapshot = undefined;
      const users = new Map(await this.load());
      const result = change(users);
      const file: UsersFile = { version: 1, users: [...users.values()].sort((left, right) => left.username.localeCompare(right.username)) };
      await writeFileAtomic(this.filePath, `${JSON.stringify(file, null, 2)}\n`);
      this.snapshot = undefined;
      return result;
    });
  }

  private async load(): Promise<ReadonlyMap<string, StoredUser>> {
    let signature: string;
    try {
      const stats = await stat(this.filePath);
      signature = `${stats.ino}:${stats.size}:${stats.mtimeMs}`;
      if (this.snapshot?.signature === signature) return this.snapshot.users;
      if ((stats.mode & 0o077) !== 0) {
        await chmod(this.filePath, PRIVATE_FILE_MODE);
        this.options.onWarning?.(`${this.filePath} was readable by other users; its mode is now 0600`);
      }
    } catch (error) {
      if (hasErrorCode(error, 'ENOENT')) return new Map();
      throw error;
    }
    const users = this.parse(await readFile(this.filePath, 'utf8'));
    this.snapshot = { signature, users };
    return users;
  }

  private parse(text: string): Map<string, StoredUser> {
    let file: unknown;
    try {
      file = JSON.parse(text);
    } catch (error) {
      throw new UserDirectoryError(`${this.filePath} is not valid JSON: ${(error as Error).message}`);
    }
    const users = (file as Partial<UsersFile> | null)?.users;
    if ((file as Partial<UsersFile> | null)?.version !== 1 || !Array.isArray(users)) {
      throw new UserDirectoryError(`${this.filePath} is not a version 1 user file`);
    }
    const byName = new Map<string, StoredUser>();
    users.forEach((user: Partial<StoredUser>, index) => {
      const valid =
        typeof user?.username === 'string' &&
        USERNAME_PATTERN.test(user.username) &&
        isUserRole(user.role) &&
        typeof user.passwordHash === 'string' &&
        (user.role !== 'agent' || typeof user.agentId === 'string');
      if (!valid)
        throw new UserDirectoryError(`${this.filePath}: user #${index + 1} lacks a valid username, role, agentId or passwordHash`);
      byName.set(user.username as string, user as StoredUser);
    });
    return byName;
  }
}
