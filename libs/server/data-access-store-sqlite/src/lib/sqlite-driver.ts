// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the workspace has no @types/better-sqlite3; see the file
/// <reference path="./better-sqlite3.d.ts" />
import BetterSqlite3 from 'better-sqlite3';

/** The better-sqlite3 constructor; every file of this library reaches the driver through here. */
export const SqliteDriver = BetterSqlite3;

/** An open better-sqlite3 connection. */
export type SqliteDatabase = BetterSqlite3.Database;

/** A prepared statement whose `get`/`all` return `Row`s. */
export type SqliteStatement<Row = unknown> = BetterSqlite3.Statement<Row>;
