import { AsyncLocalStorage } from 'async_hooks';

/**
 * Marks work done inside the newsroom's Document Service middleware: the database safety net
 * leaves those writes alone, because the middleware reconciles the whole document afterwards.
 */
const storage = new AsyncLocalStorage<{ enforcing: true }>();

export const runEnforcing = <T>(fn: () => Promise<T>): Promise<T> => storage.run({ enforcing: true }, fn);
export const isEnforcing = (): boolean => storage.getStore()?.enforcing === true;
