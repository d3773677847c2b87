/**
 * The plugin's data migrations, run once each at boot (bootstrap, after Strapi's schema sync, under
 * the boot lock so one instance at a time). Each migration runs in one transaction together with
 * the record that it ran (in the core store, key `plugin_newsroom_migrations`): a crash leaves it
 * pending, never half-applied. Every `up` is also idempotent on its own, so running it again on
 * migrated data changes nothing.
 *
 * Shipping a schema change: add the attribute to the content type (Strapi adds the column), then
 * a migration here for the data: `NNNN-short-name.ts` exporting a Migration, appended to MIGRATIONS.
 * Never edit or reorder a released migration; ids are permanent.
 */
import slugsForEveryRow from './0001-slugs-for-every-row';
import lookupIndexes from './0002-lookup-indexes';
import previousSlugIndexes from './0003-previous-slug-indexes';
import type { Strapi } from '../../boundary';

export interface MigrationResult {
  /** Rows changed (0 when there was nothing to do). */
  changed: number;
}

export interface Migration {
  id: string;
  description: string;
  up(strapi: Strapi): Promise<MigrationResult>;
}

export const MIGRATIONS: Migration[] = [slugsForEveryRow, lookupIndexes, previousSlugIndexes];

const STORE_KEY = 'migrations';

type Applied = Record<string, { at: string; changed: number }>;

const store = (strapi: Strapi) => strapi.store({ type: 'plugin', name: 'newsroom' });

export async function appliedMigrations(strapi: Strapi): Promise<Applied> {
  return ((await store(strapi).get({ key: STORE_KEY })) as Applied | null) ?? {};
}

/** Runs every migration not yet recorded, in order; returns what ran and what was already done. */
export async function runMigrations(strapi: Strapi, migrations: Migration[] = MIGRATIONS) {
  const ids = migrations.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`[newsroom] migration id ${duplicate} is used twice`);
  const ran: { id: string; changed: number }[] = [];
  const skipped: string[] = [];
  for (const migration of migrations) {
    const done = await appliedMigrations(strapi);
    if (done[migration.id]) {
      skipped.push(migration.id);
      continue;
    }
    const result = await strapi.db.transaction(async () => {
      const outcome = await migration.up(strapi);
      // Re-read inside the transaction: another migration of this run may have been recorded.
      const current = await appliedMigrations(strapi);
      await store(strapi).set({ key: STORE_KEY, value: { ...current, [migration.id]: { at: new Date().toISOString(), changed: outcome.changed } } });
      return outcome;
    });
    strapi.log.info(`[newsroom] migration ${migration.id} (${migration.description}): ${result.changed} rows changed`);
    ran.push({ id: migration.id, changed: result.changed });
  }
  return { ran, skipped };
}
