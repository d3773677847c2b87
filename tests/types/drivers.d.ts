/**
 * The slice of the database drivers the tests and benchmarks use (neither ships its own types and
 * @types/pg / @types/better-sqlite3 are not installed). Keep it to what the tests call.
 */
declare module 'pg' {
  export interface ClientConfig {
    host?: string;
    port?: number;
    user?: string;
    password?: string;
    database?: string;
    connectionString?: string;
  }
  export interface QueryResult<R = any> {
    rows: R[];
    rowCount: number | null;
  }
  export class Client {
    constructor(config?: ClientConfig);
    connect(): Promise<void>;
    query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    /** A named (prepared) statement. */
    query<R = any>(config: { name?: string; text: string; values?: unknown[] }): Promise<QueryResult<R>>;
    end(): Promise<void>;
    on(event: string, listener: (...args: any[]) => void): this;
  }
}

declare module 'better-sqlite3' {
  namespace Database {
    interface Statement {
      all(...params: unknown[]): unknown[];
      get(...params: unknown[]): unknown;
      run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
    }
    interface Database {
      prepare(sql: string): Statement;
      exec(sql: string): this;
      pragma(source: string): unknown;
      close(): void;
    }
  }
  const Database: new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Database.Database;
  export = Database;
}
