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

/** The `xliff` package (no types shipped): the reader and writer the translation tests use. */
declare module 'xliff' {
  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage: string;
    resources: Record<string, Record<string, { source: string; target?: string; note?: string | string[] }>>;
  }
  export function xliff2js(xml: string): Promise<XliffJs>;
  export function js2xliff(js: XliffJs): Promise<string>;
  export function xliff12ToJs(xml: string): Promise<XliffJs>;
  export function jsToXliff12(js: XliffJs): Promise<string>;
  const xliff: { xliff2js: typeof xliff2js; js2xliff: typeof js2xliff; xliff12ToJs: typeof xliff12ToJs; jsToXliff12: typeof jsToXliff12 };
  export default xliff;
}
