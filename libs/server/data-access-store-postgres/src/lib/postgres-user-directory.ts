import {
  canonicalUsername,
  hashPassword,
  summarize,
  UserDirectoryError,
  validateNewUser,
  verifyAgainstDecoy,
  verifyPassword,
  type NewUser,
  type StoredUser,
  type UserRole,
  type UserSummary,
} from '@tnt/server/data-access-users';
import { Pool } from 'pg';
import { applyMigrations } from './migrations';
import { schemaObjects, type SchemaObjects } from './schema-objects';

/** A row of `users`. */
interface UserRow {
  username: string;
  role: UserRole;
  agent_id: string | null;
  password_hash: string;
  created_at: Date;
  updated_at: Date | null;
  demo: boolean;
}

/** Options of {@link PostgresUserDirectory.open}. */
export interface PostgresUserDirectoryOptions {
  readonly connectionString: string;
  readonly schema: string;
  /** Receives failures of idle pooled connections (see `PostgresCallStorageOptions`). */
  readonly onBackgroundError?: (error: Error) => void;
}

/**
 * The built-in users in PostgreSQL, so every instance of a cluster logs in the same users and sees
 * a removal at once. Same rules as the file-based `UserDirectory`: validated input, lower-case
 * usernames, scrypt hashes made and checked in this process (the database never sees a password),
 * and an unknown username costing the same scrypt work as a wrong password.
 */
export class PostgresUserDirectory {
  private readonly sql: ReturnType<typeof statements>;

  /** Users in `objects.schema` over `pool`; `ownsPool` when {@link close} should end it. */
  constructor(
    private readonly pool: Pool,
    objects: SchemaObjects,
    private readonly ownsPool = false,
  ) {
    this.sql = statements(objects);
  }

  /** A directory with its own connections (for the `users` CLI); migrates the schema like the call store does. */
  static async open(options: PostgresUserDirectoryOptions): Promise<PostgresUserDirectory> {
    const objects = schemaObjects(options.schema);
    const pool = new Pool({ connectionString: options.connectionString, max: 2 });
    pool.on('error', options.onBackgroundError ?? ((error: Error) => console.error('PostgreSQL users: an idle connection failed', error)));
    try {
      await applyMigrations(pool, objects);
      return new PostgresUserDirectory(pool, objects, true);
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  /** Every user, by username, without password hashes. */
  async list(): Promise<UserSummary[]> {
    const rows = (await this.pool.query<UserRow>(this.sql.all)).rows;
    return rows
      .map(storedUserOf)
      .sort((left, right) => left.username.localeCompare(right.username))
      .map(summarize);
  }

  /** The user named `username` (any case), if any. */
  async find(username: string): Promise<UserSummary | undefined> {
    const user = await this.stored(username);
    return user && summarize(user);
  }

  /** The user when `password` is theirs, otherwise undefined, in the same time for unknown users. */
  async authenticate(username: string, password: string): Promise<UserSummary | undefined> {
    const user = await this.stored(username);
    if (!user) return verifyAgainstDecoy(password).then(() => undefined);
    return (await verifyPassword(password, user.passwordHash)) ? summarize(user) : undefined;
  }

  /**
   * Adds a user (password hashed here). An existing username is refused unless `replace`, which
   * sets the new password, role and agent id and keeps `createdAt`; one statement either way, so
   * two instances adding the same user cannot both succeed.
   */
  async add(user: NewUser, options: { replace?: boolean } = {}): Promise<UserSummary> {
    validateNewUser(user);
    const username = canonicalUsername(user.username);
    const values = [
      username,
      user.role,
      user.role === 'agent' ? (user.agentId ?? null) : null,
      await hashPassword(user.password),
      user.demo === true,
    ];
    const rows = (await this.pool.query<UserRow>(options.replace ? this.sql.upsert : this.sql.insert, values)).rows;
    if (rows.length === 0) throw new UserDirectoryError(`user ${username} already exists`);
    return summarize(storedUserOf(rows[0]));
  }

  /** Removes a user; false when there was none. Their tokens stop working at the next check, on every instance. */
  async remove(username: string): Promise<boolean> {
    const result = await this.pool.query(this.sql.remove, [canonicalUsername(username)]);
    return (result.rowCount ?? 0) > 0;
  }

  /** Ends the connections when this directory opened them (a directory of a call store shares the store's). */
  async close(): Promise<void> {
    if (this.ownsPool && !this.pool.ended) await this.pool.end();
  }

  private async stored(username: string): Promise<StoredUser | undefined> {
    const row = (await this.pool.query<UserRow>(this.sql.byName, [canonicalUsername(username)])).rows[0];
    return row && storedUserOf(row);
  }
}

function statements({ users }: SchemaObjects) {
  const insert = `INSERT INTO ${users} (username, role, agent_id, password_hash, demo) VALUES ($1, $2, $3, $4, $5)`;
  return {
    all: `SELECT * FROM ${users}`,
    byName: `SELECT * FROM ${users} WHERE username = $1`,
    insert: `${insert} ON CONFLICT (username) DO NOTHING RETURNING *`,
    upsert: `${insert} ON CONFLICT (username) DO UPDATE SET role = excluded.role, agent_id = excluded.agent_id,
      password_hash = excluded.password_hash, demo = excluded.demo, updated_at = now() RETURNING *`,
    remove: `DELETE FROM ${users} WHERE username = $1`,
  };
}

function storedUserOf(row: UserRow): StoredUser {
  return {
    username: row.username,
    role: row.role,
    ...(row.agent_id !== null ? { agentId: row.agent_id } : {}),
    passwordHash: row.password_hash,
    createdAt: row.created_at.toISOString(),
    ...(row.updated_at !== null ? { updatedAt: row.updated_at.toISOString() } : {}),
    ...(row.demo ? { demo: true } : {}),
  };
}
