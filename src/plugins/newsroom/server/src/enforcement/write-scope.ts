import { AsyncLocalStorage } from 'async_hooks';

/**
 * The scope of one newsroom write through the Document Service middleware. The database safety
 * net leaves writes inside it alone (the middleware reconciles the whole document afterwards), and
 * the cache tags they touch are collected so invalidation can be repeated once the data is committed.
 */
export interface WriteScope {
  touched: Set<string>;
  /** A many-row write no document could be named for: everything is invalidated at commit. */
  everything?: boolean;
}

const storage = new AsyncLocalStorage<WriteScope>();

export const runEnforcing = <T>(fn: () => Promise<T>, scope: WriteScope = { touched: new Set() }): Promise<T> => storage.run(scope, fn);
export const currentScope = (): WriteScope | undefined => storage.getStore();
export const isEnforcing = (): boolean => storage.getStore() !== undefined;
