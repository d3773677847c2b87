import { NewsroomConfig, fallbackLocales, rulesFingerprint } from './config/schema';
import { subscribeSafetyNet } from './enforcement/safety-net.lifecycles';
import { installFrontDoor } from './read-path/front-door.middleware';
import readPathMiddlewares, { READ_PATH_MIDDLEWARES } from './middlewares';
import { releaseBootLock } from './setup/boot-lock.strapi';
import { getService } from './boundary';
import { newsroomConfig } from './config/options';
import type { Strapi } from './boundary';
import { runMigrations } from './setup/migrations';
import { ensureLookupIndexes, ensurePreviousSlugIndexes } from './setup/indexes.strapi';
import { writeViewConfiguration } from './setup/view-config.strapi';

export default async ({ strapi }: { strapi: Strapi }) => {
  try {
    await boot(strapi);
  } finally {
    // Taken before Strapi's schema sync (setup/boot-lock.strapi.ts): one instance boots at a time.
    await releaseBootLock(strapi);
  }
};

/**
 * Writes are enforced as they happen; what can leave stored rows out of line is a change of the
 * configured texts. So boot reconciles when the rule-relevant config differs from the one last
 * reconciled (stored in Strapi's core store): once per change, not once per instance.
 */
async function reconcileIfRulesChanged(strapi: Strapi, config: NewsroomConfig) {
  const fingerprint = rulesFingerprint(config);
  const store = strapi.store({ type: 'plugin', name: 'newsroom' });
  const last = (await store.get({ key: 'reconciled' })) as { fingerprint?: string; at?: string } | null;
  if (last?.fingerprint === fingerprint) {
    strapi.log.info(`[newsroom] reconciliation: rules unchanged since ${last.at}, skipped`);
    return;
  }
  const { checked, fixed } = await getService(strapi, 'reconcile').audit({ fix: true });
  await store.set({ key: 'reconciled', value: { fingerprint, at: new Date().toISOString(), checked, fixed } });
  strapi.log.info(`[newsroom] reconciliation: ${checked} rows checked, ${fixed} brought in line`);
}

/**
 * The read path belongs in front of Strapi's middlewares (config/middlewares.ts, listed first).
 * Whichever of its middlewares an app has not listed is mounted here, behind Strapi's stack, in
 * order: correct, only slower on cache hits. With `readPath.enabled: false` (the benchmark
 * baseline) only the plain read cache remains.
 */
function mountReadPath(strapi: Strapi) {
  const { enabled } = newsroomConfig(strapi).readPath;
  if (enabled) {
    installFrontDoor(strapi);
    getService(strapi, 'database-health').start();
  }
  const listed = new Set(strapi.config.get<Array<string | { name?: string }>>('middlewares', []).map((m) => (typeof m === 'string' ? m : m?.name)));
  for (const name of READ_PATH_MIDDLEWARES) {
    const uid = `plugin::newsroom.${name}`;
    if (listed.has(uid) || (name !== 'read-path' && !enabled)) continue;
    if (name === 'read-path')
      strapi.log.info(`[newsroom] '${uid}' is not in config/middlewares.ts: mounted after Strapi's middlewares (list it first for fast cache hits)`);
    strapi.server.use(readPathMiddlewares[name](undefined, { strapi }));
  }
}

async function boot(strapi: Strapi) {
  const config = newsroomConfig(strapi);
  subscribeSafetyNet(strapi);
  mountReadPath(strapi);
  getService(strapi, 'edge-purge').start();
  await getService(strapi, 'read-cache').start();
  // Revoking a public permission must not leave its answers in the cache.
  strapi.db.lifecycles.subscribe({
    models: ['plugin::users-permissions.permission'],
    afterCreate: () => getService(strapi, 'read-cache').invalidate('*'),
    afterDelete: () => getService(strapi, 'read-cache').invalidate('*'),
    afterDeleteMany: () => getService(strapi, 'read-cache').invalidate('*'),
  });

  for (const [name, map] of [
    ['reprintNotice', config.reprintNotice],
    ['creditFormat', config.creditFormat],
  ] as const) {
    const fallbacks = fallbackLocales(config, map);
    if (fallbacks.length) strapi.log.warn(`[newsroom] ${name}: ${fallbacks.join(', ')} fall back to ${config.defaultLocale}`);
  }

  await getService(strapi, 'setup').ensureLocales();
  await getService(strapi, 'setup').ensurePublicPermissions();
  await getService(strapi, 'roles').ensureRoles();
  // Labels, descriptions and placeholders in the Content Manager; internal fields off the edit form.
  await writeViewConfiguration(strapi);
  await runMigrations(strapi);
  // SQLite rebuilds a table a schema change alters without its indexes and triggers: what migrations
  // 0002 and 0003 created is checked again at every boot, and a search index created now is filled now.
  await ensureLookupIndexes(strapi);
  await ensurePreviousSlugIndexes(strapi);
  if (await getService(strapi, 'search').ensure()) await getService(strapi, 'search').rebuild();
  await reconcileIfRulesChanged(strapi, config);
  // The embargo auto-publisher (state only in the database; every instance runs it, one publishes).
  getService(strapi, 'scheduler').start();
  // Signed deliveries to partners, sent after the write commits (never during an editor's save).
  getService(strapi, 'partners').start();
}
