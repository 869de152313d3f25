/**
 * The part of better-sqlite3 12's API this library uses. The workspace has no
 * `@types/better-sqlite3`; these declarations follow the library's documented API
 * (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/api.md).
 */
declare module 'better-sqlite3' {
  namespace Database {
    /** Outcome of a statement that writes. */
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }

    /** A prepared statement; parameters are positional (`?`) or named (`@name` with an object). */
    interface Statement<Row = unknown> {
      run(...parameters: unknown[]): RunResult;
      get(...parameters: unknown[]): Row | undefined;
      all(...parameters: unknown[]): Row[];
      /** Makes `get`/`all` return the first column's value instead of a row object. */
      pluck(toggle?: boolean): Statement<Row>;
    }

    /** A function wrapped by `Database.transaction`: runs inside BEGIN … COMMIT, rolls back on throw. */
    type Transaction<F extends (...args: never[]) => unknown> = F & {
      immediate: F;
      exclusive: F;
    };

    /** Options of the constructor. */
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** Milliseconds to wait for a lock before SQLITE_BUSY. */
      timeout?: number;
    }

    /** One open database connection. */
    interface Database {
      readonly name: string;
      readonly open: boolean;
      readonly inTransaction: boolean;
      prepare<Row = unknown>(sql: string): Statement<Row>;
      exec(sql: string): Database;
      pragma(source: string, options: { simple: true }): unknown;
      pragma(source: string, options?: { simple?: false }): unknown[];
      transaction<F extends (...args: never[]) => unknown>(fn: F): Transaction<F>;
      close(): Database;
    }

    /** Errors raised by SQLite; `code` is e.g. `SQLITE_BUSY`. */
    interface SqliteError extends Error {
      code: string;
    }
  }

  interface DatabaseConstructor {
    new (filename: string, options?: Database.Options): Database.Database;
    SqliteError: new (message: string, code: string) => Database.SqliteError;
  }

  const Database: DatabaseConstructor;
  export = Database;
}
