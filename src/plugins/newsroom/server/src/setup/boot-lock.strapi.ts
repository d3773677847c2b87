import type { Strapi } from '../boundary';
/**
 * One instance at a time does boot work (Strapi's schema sync and migrations, the newsroom's
 * reconciliation): a PostgreSQL session advisory lock on a dedicated connection. A SQLite file
 * has a single writer anyway, so there it is a no-op.
 */
const BOOT_LOCK_KEY = 7_482_019;

export async function acquireBootLock(strapi: Strapi): Promise<() => Promise<void>> {
  const db = strapi.db;
  if (db.config?.connection?.client !== 'postgres') return async () => undefined;
  const knex = db.connection;
  const conn = await knex.client.acquireConnection();
  await knex.raw('select pg_advisory_lock(?)', [BOOT_LOCK_KEY]).connection(conn);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    try {
      await knex.raw('select pg_advisory_unlock(?)', [BOOT_LOCK_KEY]).connection(conn);
    } finally {
      await knex.client.releaseConnection(conn);
    }
  };
}

const held = new WeakMap<object, () => Promise<void>>();

/**
 * Takes the lock before Strapi's own schema sync and migrations and keeps it through the
 * newsroom's bootstrap (locales, roles, permissions, reconciliation), which releases it: a second
 * instance booting on the same database waits instead of racing to create the same rows.
 */
export function holdBootLock(strapi: Strapi) {
  strapi.hook('strapi::content-types.beforeSync').register(async () => {
    held.set(strapi, await acquireBootLock(strapi));
  });
}

export async function releaseBootLock(strapi: Strapi) {
  const release = held.get(strapi);
  held.delete(strapi);
  await release?.();
}
